/**
 * The heavy lane (src/http/heavy-lane.ts): operations whose cost reaches HEAVY_OPERATION_COST run at most
 * MAX_HEAVY_OPERATIONS at once and wait for a turn within the queue limit; cheaper ones never wait there.
 * An admin connection holds `LOCK TABLES country WRITE`, so a heavy operation that runs waits in the
 * database for as long as the test needs, and the counts below do not depend on timing.
 */
import { HEAVY_LANE_BUSY_MESSAGE } from '../../src/http/heavy-lane';
import { testConfig } from '../support/service';
import { pollUntil, useSeededService, waitingForLock } from './support';

const DATABASE = 'faults_heavy_lane';
// about 20 countries × 20 memberships: far above the heavy cost set below
const HEAVY = '{ countries(first: 20) { nodes { name memberships(first: 20) { nodes { status } } } } }';
const CHEAP = '{ organizations(first: 2) { nodes { name } } }';

jest.setTimeout(120_000);

const env = useSeededService(DATABASE, {
  limits: { ...testConfig().limits, heavyCost: 100, maxHeavy: 1 },
  admission: { maxConcurrent: 10, queueLimit: 1, maxWaitMs: 60_000, shedHoldMs: 0 },
  statementTimeoutMs: 60_000,
  requestTimeoutMs: 60_000,
});
const waiting = () => waitingForLock(env.admin, DATABASE);

async function waitedSoFar(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', env.api.url))).text();
  return Number(/^graphql_heavy_operations_waited_total (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('Faults: heavy operations take turns', () => {
  it('runs one heavy operation at a time, queues the next, refuses past the queue, and lets cheap ones by', async () => {
    const cost = await env.api.gql(HEAVY);
    expect(cost.body.errors).toBeUndefined();
    expect((cost.body.extensions as { cost: { requested: number } }).cost.requested).toBeGreaterThan(100);
    const cheapCost = await env.api.gql(CHEAP);
    expect((cheapCost.body.extensions as { cost: { requested: number } }).cost.requested).toBeLessThan(100);
    const waitedBefore = await waitedSoFar();

    await env.admin.query('LOCK TABLES country WRITE');
    try {
      const first = env.api.gql(HEAVY);
      await pollUntil(
        'the first heavy operation to wait for the lock',
        async () => (await waiting()) >= 1,
        10_000,
      );
      const second = env.api.gql(HEAVY);
      await pollUntil(
        'the second heavy operation to wait for its turn',
        async () => (await waitedSoFar()) > waitedBefore,
        10_000,
      );
      // the second waits for its turn in the service, not in the database
      expect(await waiting()).toBe(1);

      // the lane's queue (1) is full: the third is refused at once
      const third = await env.api.gql(HEAVY);
      expect(third.status).toBe(503);
      expect(third.body.errors?.[0]).toMatchObject({
        message: HEAVY_LANE_BUSY_MESSAGE,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });

      // a cheap operation does not wait behind them
      const cheap = await env.api.gql(CHEAP);
      expect(cheap.status).toBe(200);
      expect(cheap.body.errors).toBeUndefined();

      await env.admin.query('UNLOCK TABLES');
      const answers = await Promise.all([first, second]);
      expect(answers.map((a) => [a.status, a.body.errors])).toEqual([
        [200, undefined],
        [200, undefined],
      ]);
      expect(await waitedSoFar()).toBe(waitedBefore + 1);
    } finally {
      await env.admin.query('UNLOCK TABLES');
    }
  });
});
