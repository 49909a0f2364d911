/** Waiting for a service process that a benchmark started. */
import type { ChildProcess } from 'node:child_process';

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
