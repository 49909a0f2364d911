/**
 * Fault: the database server stops while requests are in flight, then comes back on the same port and
 * data folder. The service must answer every request promptly (data, or SERVICE_UNAVAILABLE with 503),
 * leak nothing about the database, report not ready, and recover by itself once the database is back.
 *
 * The service runs as a real process (`node dist/main.js` with DATABASE_URL): inside Jest's sandbox,
 * socket errors raised by Node itself (ECONNREFUSED) are not `instanceof Error` in the sandbox's realm,
 * so graphql-js wraps them as "Unexpected error value" and the service's error classification never
 * sees their code; a real process does not have that artefact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource, migrate } from '../../src/db/data-source';
import { freePort, startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import { UNAVAILABLE_MESSAGE } from '../../src/http/errors';
import { copySeed } from '../support/database';
import {
  DEEP_QUERY,
  ensureStopped,
  getStatus,
  leakedDetails,
  pollUntil,
  post,
  spawnService,
  type Outcome,
  type ServiceProcess,
} from './support';

const DATABASE = 'outage';
/** More deep requests than the pool has connections (4), so some wait for one when the database stops. */
const CONCURRENT = 10;
/** Every request must end within this, outage or not. */
const ANSWER_WITHIN_MS = 5_000;

jest.setTimeout(120_000);

describe('Faults: the database stops under load and comes back', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-outage-'));
  let port: number;
  let db: EmbeddedServer | undefined;
  let api: ServiceProcess | undefined;

  beforeAll(async () => {
    port = await freePort();
    db = await startEmbeddedServer({ dataDir, database: DATABASE, port });
    const seeding = createDataSource({ url: db.url, poolSize: 2 });
    await seeding.initialize();
    try {
      await migrate(seeding);
      await copySeed(seeding); // the run's seeded rows, copied: this test is about the outage
    } finally {
      await seeding.destroy();
    }
    api = await spawnService({
      DATABASE_URL: db.url,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      DB_POOL_SIZE: '4',
      // Each deep request runs several statements at once; a queue this long, and admission opened as
      // wide, keep load shedding (tests/faults/burst.test.ts, overload.test.ts) out of this test, so that
      // only the outage can fail a request.
      DB_QUEUE_LIMIT: '500',
      MAX_CONCURRENT_REQUESTS: '100',
      DB_STATEMENT_TIMEOUT_MS: '5000',
      // every request must reach the database as it stops, not the response cache
      RESPONSE_CACHE: 'false',
    });
  });

  afterAll(async () => {
    await ensureStopped(api);
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function expectDataOrUnavailable(outcome: Outcome): void {
    expect(outcome.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(leakedDetails(outcome, port)).toEqual([]);
    if (outcome.status === 200 && !outcome.body.errors) {
      expect(outcome.body.data?.countries?.totalCount).toBeGreaterThan(0);
      return;
    }
    expect({ status: outcome.status, codes: outcome.body.errors?.map((e) => e.extensions?.code) }).toEqual({
      status: 503,
      codes: expect.arrayContaining(['SERVICE_UNAVAILABLE']) as unknown,
    });
    for (const e of outcome.body.errors ?? []) {
      expect(e.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(e.message).toBe(UNAVAILABLE_MESSAGE);
    }
  }

  it('answers a burst of deep queries while the database is up', async () => {
    const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, () => post(api!.url, DEEP_QUERY)));
    for (const outcome of outcomes) {
      expect(outcome.body.errors).toBeUndefined();
      expect(outcome.status).toBe(200);
      expect(outcome.body.data!.countries.totalCount).toBeGreaterThan(0);
    }
    console.info(
      `baseline: ${CONCURRENT} deep queries, slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`,
    );
  });

  it('ends every in-flight request promptly with data or 503 when the database stops', async () => {
    const started = Date.now();
    const inFlight = Array.from({ length: CONCURRENT }, () => post(api!.url, DEEP_QUERY));
    // Let the requests reach the database, then stop it under them.
    await new Promise((r) => setTimeout(r, 15));
    const stopping = db!.stop();
    // More requests arrive while it shuts down.
    const during = Array.from({ length: CONCURRENT / 2 }, () => post(api!.url, DEEP_QUERY));
    const outcomes = await Promise.all([...inFlight, ...during]);
    await stopping;
    const elapsed = Date.now() - started;
    const summary = outcomes.map((o) => `${o.status}:${o.ms}ms`);
    console.info(
      `database stopped under ${outcomes.length} requests; all ended after ${elapsed} ms`,
      summary,
    );

    for (const outcome of outcomes) expectDataOrUnavailable(outcome);
    // at least some of them met the outage
    expect(outcomes.some((o) => o.status === 503)).toBe(true);
  });

  it('answers 503 at once while the database is down, and stays live', async () => {
    const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, () => post(api!.url, DEEP_QUERY)));
    console.info(
      'while down:',
      outcomes.map((o) => `${o.status}:${o.ms}ms`),
    );
    for (const outcome of outcomes) {
      expectDataOrUnavailable(outcome);
      expect(outcome.status).toBe(503);
    }
    expect(await getStatus(`${api!.origin}/readyz`)).toBe(503);
    expect(await getStatus(`${api!.origin}/healthz`)).toBe(200);
    expect(api!.child.exitCode).toBeNull();
  });

  it('recovers by itself once the database is back on the same port and data folder', async () => {
    db = await startEmbeddedServer({ dataDir, database: DATABASE, port });
    expect(db.port).toBe(port);
    const restarted = Date.now();
    const outcome = await pollUntil(
      'a correct answer after the database came back',
      async () => {
        const o = await post(api!.url, DEEP_QUERY, undefined, 5_000);
        return o.status === 200 && !o.body.errors ? o : undefined;
      },
      5_000,
      100,
    );
    const recoveredAfter = Date.now() - restarted;
    console.info(`first correct answer ${recoveredAfter} ms after the database was back`);
    expect(outcome.body.data!.countries.totalCount).toBeGreaterThan(0);
    await pollUntil(
      'readiness after the database came back',
      async () => (await getStatus(`${api!.origin}/readyz`)) === 200,
      5_000,
      100,
    );
    // and it stays healthy: a burst like the one before answers fully
    const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, () => post(api!.url, DEEP_QUERY)));
    for (const o of outcomes) {
      expect(o.body.errors).toBeUndefined();
      expect(o.status).toBe(200);
    }
    // the same process all along
    expect(api!.child.exitCode).toBeNull();
  });
});
