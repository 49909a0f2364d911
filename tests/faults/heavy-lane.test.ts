/**
 * The heavy lane (src/http/heavy-lane.ts): operations whose cost reaches HEAVY_OPERATION_COST run at most
 * MAX_HEAVY_OPERATIONS at once and wait for a turn within the queue limit; cheaper ones never wait there.
 * An admin connection holds `LOCK TABLES country WRITE`, so a heavy operation that runs waits in the
 * database for as long as the test needs, and the counts below do not depend on timing.
 */
import type mysql from 'mysql2/promise';
import { HEAVY_LANE_BUSY_MESSAGE } from '../../src/http/heavy-lane';
import { seededDatabase } from '../support/database';
import { startTestService, testConfig, type TestService } from '../support/service';
import { adminConnection, pollUntil } from './support';

const DATABASE = 'faults_heavy_lane';
// about 20 countries × 20 memberships: far above the heavy cost set below
const HEAVY = '{ countries(first: 20) { nodes { name memberships(first: 20) { nodes { status } } } } }';
const CHEAP = '{ organizations(first: 2) { nodes { name } } }';

jest.setTimeout(120_000);

let db: Awaited<ReturnType<typeof seededDatabase>>;
let admin: mysql.Connection;
let api: TestService;

beforeAll(async () => {
  db = await seededDatabase(DATABASE);
  admin = await adminConnection(db.url);
  api = await startTestService({
    databaseUrl: db.url,
    limits: { ...testConfig().limits, heavyCost: 100, maxHeavy: 1 },
    admission: { maxConcurrent: 10, queueLimit: 1, maxWaitMs: 60_000, shedHoldMs: 0 },
    statementTimeoutMs: 60_000,
    requestTimeoutMs: 60_000,
  });
});

afterAll(async () => {
  await admin?.query('UNLOCK TABLES').catch(() => undefined);
  await api?.stop();
  await admin?.end();
  await db?.drop();
});

/** Service statements waiting for the table lock. */
async function waitingForLock(): Promise<number> {
  const [rows] = await admin.query(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
      WHERE ID <> CONNECTION_ID() AND DB = ? AND COMMAND = 'Query' AND STATE LIKE '%lock%'`,
    [DATABASE],
  );
  return Number((rows as { n: number }[])[0]!.n);
}

async function waitedSoFar(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', api.url))).text();
  return Number(/^graphql_heavy_operations_waited_total (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('Faults: heavy operations take turns', () => {
  it('runs one heavy operation at a time, queues the next, refuses past the queue, and lets cheap ones by', async () => {
    const cost = await api.gql(HEAVY);
    expect(cost.body.errors).toBeUndefined();
    expect((cost.body.extensions as { cost: { requested: number } }).cost.requested).toBeGreaterThan(100);
    const cheapCost = await api.gql(CHEAP);
    expect((cheapCost.body.extensions as { cost: { requested: number } }).cost.requested).toBeLessThan(100);
    const waitedBefore = await waitedSoFar();

    await admin.query('LOCK TABLES country WRITE');
    try {
      const first = api.gql(HEAVY);
      await pollUntil(
        'the first heavy operation to wait for the lock',
        async () => (await waitingForLock()) >= 1,
        10_000,
      );
      const second = api.gql(HEAVY);
      await pollUntil(
        'the second heavy operation to wait for its turn',
        async () => (await waitedSoFar()) > waitedBefore,
        10_000,
      );
      // the second waits for its turn in the service, not in the database
      expect(await waitingForLock()).toBe(1);

      // the lane's queue (1) is full: the third is refused at once
      const third = await api.gql(HEAVY);
      expect(third.status).toBe(503);
      expect(third.body.errors?.[0]).toMatchObject({
        message: HEAVY_LANE_BUSY_MESSAGE,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });

      // a cheap operation does not wait behind them
      const cheap = await api.gql(CHEAP);
      expect(cheap.status).toBe(200);
      expect(cheap.body.errors).toBeUndefined();

      await admin.query('UNLOCK TABLES');
      const answers = await Promise.all([first, second]);
      expect(answers.map((a) => [a.status, a.body.errors])).toEqual([
        [200, undefined],
        [200, undefined],
      ]);
      expect(await waitedSoFar()).toBe(waitedBefore + 1);
    } finally {
      await admin.query('UNLOCK TABLES');
    }
  });
});
