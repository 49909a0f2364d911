/**
 * Search after a restart: a database filled right after migrating keeps "0 rows" as its saved statistics
 * unless the ingest analyzes what it wrote, and full-text relevance then grows without bound. The service
 * is started as a process on a fresh data folder, stopped, started again on the same data, and searched.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server';
import { start, stop, stopLeftoverDatabase } from '../support/start-command';

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
    stopLeftoverDatabase(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers full-text searches with finite, bounded scores on the second start', async () => {
    child = (await start(dataDir, await freePort())).child;
    await stop(child);
    const port = await freePort();
    child = (await start(dataDir, port)).child;
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
