import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import net from 'node:net';
import { send } from '../support/raw-http';
import { startTestService, useTestService, type TestService } from '../support/service';

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

describe('HTTP: health in front of admission', () => {
  // one GraphQL request at a time and no queue: a request whose body never ends fills the service
  const api = useTestService({
    admission: { maxConcurrent: 1, queueLimit: 0, maxWaitMs: 1_000, shedHoldMs: 0 },
  });
  const query = JSON.stringify({ query: '{ __typename }' });

  it('answers /healthz (no-store, the security headers of every answer) while every GraphQL slot is taken', async () => {
    const { port } = new URL(api.url);
    const holder = net.connect(Number(port), '127.0.0.1');
    try {
      await new Promise<void>((resolve, reject) => holder.once('connect', resolve).once('error', reject));
      // the headers and half the body: the request holds the only slot while it waits for the rest
      holder.write(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${query.length}\r\n\r\n${query.slice(0, 5)}`,
      );
      // a second GraphQL request finds no slot and no queue: shed at once (this also proves the slot is held)
      let shed = await send(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
      for (let i = 0; shed.status !== 503 && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 20)); // the held request may not have reached the server yet
        shed = await send(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: query,
        });
      }
      expect(shed.status).toBe(503);

      const probes = await Promise.all(Array.from({ length: 20 }, () => send(`${api.origin}/healthz`)));
      expect(probes.map((p) => p.status)).toEqual(Array(20).fill(200));
      expect(probes.map((p) => p.body)).toEqual(Array(20).fill({ status: 'ok' }));
      const [first] = probes;
      expect(first!.headers.get('cache-control')).toBe('no-store');
      expect(first!.headers.get('x-content-type-options')).toBe('nosniff');
      expect(first!.headers.get('x-frame-options')).toBe('DENY');
      expect(first!.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

      const head = await send(`${api.origin}/healthz?probe=1`, { method: 'HEAD' });
      expect({ status: head.status, bytes: head.bytes }).toEqual({ status: 200, bytes: 0 });
      // /healthz takes GET and HEAD only: other methods reach the app, which knows no such route
      expect((await send(`${api.origin}/healthz`, { method: 'POST' })).status).toBe(404);
      // the held request still holds its slot: the probes neither took nor freed one
      const after = await send(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
      expect(after.status).toBe(503);
    } finally {
      holder.destroy();
    }
  });
});
