/** Starting, and waiting for, the service processes that benchmarks measure. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../db/embedded-server';

/**
 * Resolves once `origin`/readyz answers 200; throws when the process exits first or a minute passes
 * (a million-event database can take that long to open).
 */
export async function waitUntilReady(
  origin: string,
  child: ChildProcess,
  name = 'the service',
): Promise<void> {
  for (let i = 0; ; i++) {
    const ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (i > 600 || child.exitCode !== null) throw new Error(`${name} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ProductionServiceOptions {
  databaseUrl: string;
  /** The build to start; this one's by default. */
  main?: string;
  /** Node options before the script (`--cpu-prof`, heap flags). */
  nodeArgs?: string[];
  /** Settings beyond production's (RESPONSE_CACHE=false for requests that must all execute). */
  env?: Record<string, string>;
}

/**
 * Starts a build of the service with production settings on a database that already holds its data (no
 * seeding on start), on a free local port, its log discarded; resolves with its origin once it is ready.
 */
export async function startProductionService(
  options: ProductionServiceOptions,
): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort();
  const main = options.main ?? path.resolve(__dirname, '..', 'main.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilReady(origin, child, main).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, origin };
}
