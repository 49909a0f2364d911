/**
 * Search after a restart: a database filled right after migrating keeps "0 rows" as its saved statistics
 * unless the ingest analyzes what it wrote, and full-text relevance then grows without bound. The service
 * is started as a process on a fresh data folder, stopped, started again on the same data, and searched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server';
import { ROOT, SOURCES_DIR } from '../support/environment';

async function start(dataDir: string, port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SOURCES_DIR,
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('eurasia-graph is ready')) {
        clearTimeout(timer);
        resolve();
      }
      buffer = buffer.slice(-200);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stderr}`));
    });
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  await exited;
}

async function search(port: number, text: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query($text: String!) { search(text: $text, first: 5) { edges { score matchedIn } } }`,
      variables: { text },
    }),
  });
  return (await res.json()) as {
    data?: { search: { edges: { score: number; matchedIn: string[] }[] } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

describe('Search after the service restarts on its own data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-restart-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers full-text searches with finite, bounded scores on the second start', async () => {
    child = await start(dataDir, await freePort());
    await stop(child);
    const port = await freePort();
    child = await start(dataDir, port);
    for (const text of ['corridor', 'transit', 'foreseeable']) {
      const body = await search(port, text);
      expect(body.errors).toBeUndefined();
      const edges = body.data!.search.edges;
      expect(edges.length).toBeGreaterThan(0);
      for (const e of edges) {
        expect(Number.isFinite(e.score)).toBe(true);
        expect(e.score).toBeLessThan(1000 + 10);
      }
    }
    expect(
      (await search(port, 'corridor')).data!.search.edges.some((e) => e.matchedIn.includes('quote')),
    ).toBe(true);
    await stop(child);
    child = undefined;
  });
});
