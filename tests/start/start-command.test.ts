/**
 * The start command as a user runs it, without DATABASE_URL: a first start on a fresh data folder, then a
 * second start on the same data. The second start is also where search is checked after a restart: a
 * database filled right after migrating keeps "0 rows" as its saved statistics unless the ingest analyzes
 * what it wrote, and full-text relevance then grows without bound. (One pair of starts serves both: each
 * start of a fresh folder initialises a database server, migrates and seeds it.)
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server';
import { start, stop, stopLeftoverDatabase } from '../support/start-command';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

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

describe('The start command without DATABASE_URL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-start-'));
  /** The second start, kept running for the searches after it. */
  let second: { child: ChildProcess; port: number } | undefined;
  afterAll(async () => {
    if (second) await stop(second.child);
    stopLeftoverDatabase(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts its own database, seeds it, serves the README example, and stops everything on Ctrl-C', async () => {
    const port = await freePort();
    const { child, logs } = await start(dataDir, port);
    const db = logs.find((l) => l.msg === 'started a private database server')!;
    expect(db.dataDir).toBe(dataDir);
    expect(logs.find((l) => l.msg === 'seed checked')).toMatchObject({ loaded: 6, unchanged: 0 });
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ country(name: "Turkey") { name aliases iso2 } }' }),
    });
    expect((await res.json()) as unknown).toMatchObject({
      data: { country: { name: 'Türkiye', iso2: 'TR' } },
    });
    const pid = Number(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    expect(await stop(child)).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('reuses its data on the next start and changes nothing', async () => {
    const port = await freePort();
    const { child, logs } = await start(dataDir, port);
    second = { child, port };
    expect(logs.find((l) => l.msg === 'applied migrations')).toBeUndefined();
    expect(logs.find((l) => l.msg === 'seed checked')).toMatchObject({ loaded: 0, unchanged: 6 });
  });

  it('answers full-text searches with finite, bounded scores on the second start', async () => {
    const { child, port } = second!;
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
    second = undefined;
    expect(await stop(child)).toBe(0);
  });
});
