import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import { startTestService, type TestService } from '../support/service';

describe('HTTP: health', () => {
  let db: EmbeddedServer;
  let api: TestService;
  beforeAll(async () => {
    // A database of its own, since this test stops it.
    db = await startEmbeddedServer({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-health-')),
      database: 'health',
    });
    api = await startTestService({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await api.stop();
    await db.stop();
    fs.rmSync(db.dataDir, { recursive: true, force: true });
  });

  it('is live and ready while the database answers', async () => {
    const live = await fetch(`${api.origin}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
  });

  it('stays live but turns not ready when the database is down', async () => {
    await db.stop();
    const ready = await fetch(`${api.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', database: 'down' });
    const live = await fetch(`${api.origin}/healthz`);
    expect(live.status).toBe(200);
  });
});
