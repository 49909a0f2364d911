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

describe('The start command without DATABASE_URL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-start-'));
  afterAll(() => {
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
    expect(logs.find((l) => l.msg === 'applied migrations')).toBeUndefined();
    expect(logs.find((l) => l.msg === 'seed checked')).toMatchObject({ loaded: 0, unchanged: 6 });
    expect(await stop(child)).toBe(0);
  });
});
