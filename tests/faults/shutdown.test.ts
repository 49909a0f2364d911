/**
 * Fault: SIGTERM while requests are in flight. The real start command (`node dist/main.js`, no
 * DATABASE_URL, so it runs its own private database server) must stop taking new connections at once,
 * let the requests in flight finish with their answers, exit 0 within the grace period, and leave no
 * database server behind.
 *
 * To keep requests genuinely in flight at the signal, an admin connection holds `LOCK TABLES country
 * WRITE` on the service's database, so the deep queries wait inside the database server; one more
 * request has sent its headers but not yet its body. Both are released after the signal.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { freePort } from '../../src/db/embedded-server';
import { SOURCES_DIR } from '../support/environment';
import {
  adminConnection,
  alive,
  DEEP_QUERY,
  ensureStopped,
  pollUntil,
  post,
  spawnService,
  tryConnect,
  waitingForLock,
  within,
  type Outcome,
  type ServiceProcess,
} from './support';

const GRACE_MS = 10_000;
const IN_FLIGHT = 6;

jest.setTimeout(180_000);

/** A POST whose body is sent only when `finish` is called: the request is in flight until then. */
function slowBodyRequest(port: number, query: string) {
  const body = JSON.stringify({ query });
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

describe('Faults: SIGTERM with requests in flight', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-shutdown-'));
  let api: ServiceProcess | undefined;
  let admin: mysql.Connection | undefined;
  let databasePid: number | undefined;

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await ensureStopped(api);
    if (databasePid && alive(databasePid)) process.kill(databasePid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the requests in flight, refuses new connections, exits 0 and stops its database', async () => {
    const port = await freePort();
    api = await spawnService({
      DATA_DIR: dataDir,
      PORT: String(port),
      SOURCES_DIR,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      DB_STATEMENT_TIMEOUT_MS: '15000',
      REQUEST_TIMEOUT_MS: '15000',
      // the same deep query again must reach the locked table, not the response cache
      RESPONSE_CACHE: 'false',
      // and every one of them must be running in the database, not waiting for a heavy turn
      MAX_HEAVY_OPERATIONS: String(IN_FLIGHT),
    });
    const started = api.logs.find((l) => l.msg === 'started a private database server');
    expect(started).toMatchObject({ dataDir });
    databasePid = Number(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8').trim());
    expect(alive(databasePid)).toBe(true);
    const baseline = await post(api.url, DEEP_QUERY);
    expect(baseline.body.errors).toBeUndefined();

    // Hold the country table, so the deep queries wait in the database.
    admin = await adminConnection(`mysql://root@127.0.0.1:${Number(started!.port)}/eurasia_graph`);
    await admin.query('LOCK TABLES country WRITE');
    const inFlight: Promise<Outcome>[] = Array.from({ length: IN_FLIGHT }, () =>
      post(api!.url, DEEP_QUERY, undefined, 30_000),
    );
    const slow = slowBodyRequest(port, '{ countries(first: 3) { nodes { name } } }');
    const waiting = await pollUntil(
      'the deep queries to wait for the lock',
      async () => {
        const n = await waitingForLock(admin!, 'eurasia_graph');
        return n >= IN_FLIGHT ? n : undefined;
      },
      10_000,
    );
    expect(waiting).toBeGreaterThanOrEqual(IN_FLIGHT);

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    await pollUntil(
      'the "stopping" log line',
      async () => api!.logs.some((l) => l.msg === 'stopping'),
      5_000,
      20,
    );
    // The listener is closed: a new connection is refused while the old requests are still running.
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    expect(api.child.exitCode).toBeNull();

    // Let the requests in flight go on: the body arrives, the lock goes.
    await new Promise((r) => setTimeout(r, 300));
    slow.finish();
    await admin.query('UNLOCK TABLES');
    await admin.end();
    admin = undefined;

    const outcomes = await within(Promise.all(inFlight), GRACE_MS, 'the requests in flight');
    const slowOutcome = await within(slow.response, GRACE_MS, 'the slow-body request');
    for (const o of outcomes) {
      expect(o.body.errors).toBeUndefined();
      expect(o.status).toBe(200);
      expect(o.body.data!.countries.totalCount).toBeGreaterThan(0);
    }
    expect(slowOutcome.status).toBe(200);
    expect(JSON.parse(slowOutcome.body)).toMatchObject({ data: { countries: { nodes: expect.any(Array) } } });
    const answeredAfter = Date.now() - signalled;

    const exit = await within(api.exited, GRACE_MS + 5_000, 'the process to exit');
    const exitedAfter = Date.now() - signalled;
    console.info(
      `SIGTERM with ${IN_FLIGHT + 1} requests in flight: all answered 200 after ${answeredAfter} ms; exit ${exit.code} after ${exitedAfter} ms (grace ${GRACE_MS} ms)`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfter).toBeLessThan(GRACE_MS);
    // its database server is gone with it
    expect(alive(databasePid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
    expect(api.stderr()).toBe('');
  });
});
