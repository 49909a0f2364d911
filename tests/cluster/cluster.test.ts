/**
 * The replicated topology under faults: every request goes through the federation gateway, HAProxy and a
 * service process to a database replica (or the primary as the fallback). Load comes from the test itself
 * and is bounded; the assertions count answers, statements and states, never durations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { Cluster } from '../../src/cluster/cluster';
import { SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import {
  backgroundLoad,
  balancerStatus,
  clusterMetric,
  eventually,
  ingest,
  metricValues,
  post,
  runLoad,
  startTestCluster,
} from './support';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startTestCluster();
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
}, 120_000);

const statementsOn = async (target: string) =>
  (await clusterMetric(cluster, 'db_statements_total'))[`target="${target}"`] ?? 0;

/** Whether every running service process sees `target` taking reads (or not). */
const everyServiceSees = async (target: string, eligible: boolean) => {
  for (const s of cluster.services) {
    if (!s.process.running()) continue;
    const values = await metricValues(s.origin, 'db_read_target_eligible');
    if (values[`target="${target}"`] !== (eligible ? 1 : 0)) return false;
  }
  return true;
};

describe('Cluster: replicas behind a balancer and a gateway', () => {
  it('spreads load through the gateway over every service process and every database replica', async () => {
    const before = await Promise.all(
      cluster.services.map(async (s) => await metricValues(s.origin, 'graphql_requests_total')),
    );
    const result = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 120 });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(120);
    for (const [i, s] of cluster.services.entries()) {
      const after = await metricValues(s.origin, 'graphql_requests_total');
      const sum = (v: Record<string, number>) => Object.values(v).reduce((a, b) => a + b, 0);
      expect({ service: s.name, served: sum(after) - sum(before[i]!) > 10 }).toEqual({
        service: s.name,
        served: true,
      });
    }
    for (const replica of cluster.replicas) expect(await statementsOn(replica.name)).toBeGreaterThan(50);
    // the primary takes the version reads of its own health checks only, no request statements
    expect(await statementsOn('primary')).toBe(0);
  });

  it('refuses a malformed x-min-data-version by name, and answers a good one with the version it read', async () => {
    const service = cluster.services[0]!;
    const query = '{ country(name: "Hungary") { iso3 } }';
    const bad = await post(`${service.origin}/graphql`, query, {}, { 'x-min-data-version': 'latest' });
    expect(bad.status).toBe(400);
    expect(bad.body?.errors?.[0]?.message).toBe(
      'The x-min-data-version header must be a data version (digits, as sent in x-data-version), got "latest".',
    );
    const first = await post(cluster.gatewayUrl, query);
    expect(first.status).toBe(200);
    expect(first.version).toBeGreaterThan(0);
    const again = await post(cluster.gatewayUrl, query, {}, { 'x-min-data-version': String(first.version) });
    expect({ status: again.status, version: again.version }).toEqual({ status: 200, version: first.version });
  });

  it('moves reads off a database replica killed under load, with clean answers, and back after its restart', async () => {
    const [victim] = cluster.replicas;
    const load = backgroundLoad(cluster.gatewayUrl, 6);
    const start = await statementsOn(victim!.name);
    await eventually('load reaches the replica', async () => (await statementsOn(victim!.name)) > start + 20);
    await victim!.stop('SIGKILL');
    await eventually('every service stops reading from the killed replica', () =>
      everyServiceSees(victim!.name, false),
    );
    const afterMove = await statementsOn(victim!.name);
    const meanwhile = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 60 });
    expect(meanwhile.failures).toEqual([]);
    expect(meanwhile.ok).toBe(60);
    expect(await statementsOn(victim!.name)).toBe(afterMove);
    const during = await load.stop();
    // requests in flight on the killed server end with data or a clean 503; none hangs (that would be -2)
    expect(during.failures).toEqual([]);
    expect(during.ok).toBeGreaterThan(0);

    await victim!.start();
    await eventually(
      'every service reads from the restarted replica again',
      () => everyServiceSees(victim!.name, true),
      30_000,
    );
    const rejoined = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 60 });
    expect(rejoined.failures).toEqual([]);
    expect(await statementsOn(victim!.name)).toBeGreaterThan(afterMove);
  });

  it('stops sending to a service process killed under load, losing at most the requests it held', async () => {
    const victim = cluster.services[1]!;
    const concurrency = 6;
    const load = backgroundLoad(cluster.gatewayUrl, concurrency);
    await eventually('load is flowing', async () => (await balancerStatus(cluster))[victim.name] === 'UP');
    await new Promise((r) => setTimeout(r, 300));
    await victim.process.stop('SIGKILL');
    await eventually(
      'the balancer marks the killed process down',
      async () => (await balancerStatus(cluster))[victim.name]?.startsWith('DOWN') ?? false,
    );
    const after = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 80 });
    expect(after.failures).toEqual([]);
    const during = await load.stop();
    // only requests in flight on the killed process may fail: at most one per client
    expect(during.failures.length).toBeLessThanOrEqual(concurrency);
    expect(during.ok).toBeGreaterThan(0);

    await victim.process.start();
    await eventually(
      'the restarted process is back in the balancer',
      async () => (await balancerStatus(cluster))[victim.name] === 'UP',
    );
  });

  it('keeps answering reads from the replicas while the primary is stopped; ingest fails clearly; all recovers', async () => {
    await cluster.primary.stop();
    const reads = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 80 });
    expect(reads.failures).toEqual([]);
    expect(reads.ok).toBe(80);
    for (const s of cluster.services) {
      const ready = await fetch(`${s.origin}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { status: 'ready', database: 'down', reads: 'replicas' },
      });
    }
    const refused = await ingest(
      cluster,
      cluster.primary.url,
      path.join(SEED_DOCUMENTS_DIR, 'iso-3166-1.yaml'),
    );
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`the database at 127.0.0.1:${cluster.primary.port} cannot be reached`);

    await cluster.primary.start();
    await eventually('every service sees the primary again', () => everyServiceSees('primary', true));
    for (const replica of cluster.replicas) {
      await eventually(`${replica.name} follows the primary again`, async () => {
        const c = await replica.connect();
        try {
          const [rows] = (await c.query('SHOW SLAVE STATUS')) as [Record<string, unknown>[], unknown];
          return rows[0]?.Slave_IO_Running === 'Yes' && rows[0]?.Slave_SQL_Running === 'Yes';
        } finally {
          await c.end();
        }
      });
    }
  });

  it('serves an ingest from every replica soon after, and no client reads old data after new', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-ingest-'));
    const file = path.join(dir, 'iso-3166-1.yaml');
    const original = fs.readFileSync(path.join(SEED_DOCUMENTS_DIR, 'iso-3166-1.yaml'), 'utf8');
    const changed = original
      .replace('values: { iso2: HU, iso3: HUN }', 'values: { iso2: HU, iso3: HUX }')
      .replace('"Hungary | HU | HUN | 348"', '"Hungary | HU | HUX | 348"');
    expect(changed).not.toBe(original);
    fs.writeFileSync(file, changed);

    // one replica applies every change a second late (within the lag limit, so it keeps taking reads): the
    // clients meet it while it still holds the old version
    const setDelay = async (seconds: number) => {
      const c = await cluster.replicas[1]!.connect();
      try {
        await c.query('STOP SLAVE');
        await c.query(`CHANGE MASTER TO MASTER_DELAY = ${seconds}`);
        await c.query('START SLAVE');
      } finally {
        await c.end();
      }
    };
    await setDelay(1);

    const QUERY = '{ country(name: "Hungary") { iso3 } }';
    let ingested = false;
    const clients = Array.from({ length: 4 }, async () => {
      const seen: { iso3: string; version: number }[] = [];
      let last = 0;
      const newSeen = () => seen.filter((s) => s.iso3 === 'HUX').length;
      const deadline = Date.now() + 60_000;
      while (!(ingested && newSeen() >= 10) && Date.now() < deadline) {
        const answer = await post(cluster.gatewayUrl, QUERY, {}, { 'x-min-data-version': String(last) });
        expect(answer.status).toBe(200);
        last = Math.max(last, answer.version ?? 0);
        seen.push({ iso3: String(answer.body?.data?.country?.iso3), version: answer.version ?? -1 });
      }
      return seen;
    });
    await new Promise((r) => setTimeout(r, 500));
    const loaded = await ingest(cluster, cluster.primary.url, file);
    expect(loaded).toEqual({ code: 0, output: expect.stringContaining('loaded 1 document(s)') });
    ingested = true;

    const c = await cluster.primary.connect();
    const [rows] = (await c.query('SELECT version FROM eurasia_graph.data_version')) as [
      { version: string }[],
      unknown,
    ];
    await c.end();
    const newest = Number(rows[0]!.version);
    for (const replica of cluster.replicas) {
      await eventually(
        `${replica.name} applies the ingest`,
        async () => {
          const r = await replica.connect();
          try {
            const [v] = (await r.query('SELECT version FROM eurasia_graph.data_version')) as [
              { version: string }[],
              unknown,
            ];
            return Number(v[0]!.version) === newest;
          } finally {
            await r.end();
          }
        },
        10_000,
      );
    }

    const histories = await Promise.all(clients);
    await setDelay(0);
    for (const seen of histories) {
      const firstNew = seen.findIndex((s) => s.iso3 === 'HUX');
      expect(firstNew).toBeGreaterThan(0); // it read the old value first, then the new one
      expect(seen.slice(firstNew).filter((s) => s.iso3 !== 'HUX')).toEqual([]);
      const versions = seen.map((s) => s.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(seen.slice(0, firstNew).every((s) => s.iso3 === 'HUN')).toBe(true);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a replica further behind than the lag limit out of reads until it catches up', async () => {
    const [, slow] = cluster.replicas;
    const c = await slow!.connect();
    try {
      // applies every change four seconds late: beyond REPLICA_MAX_LAG_SECONDS (2) while a change waits
      await c.query('STOP SLAVE');
      await c.query('CHANGE MASTER TO MASTER_DELAY = 4');
      await c.query('START SLAVE');
      const load = backgroundLoad(cluster.gatewayUrl, 4);
      // a change of its own: Hungary's alpha-3 code becomes "HUZ"
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-ingest-'));
      const file = path.join(dir, 'iso-3166-1.yaml');
      fs.writeFileSync(
        file,
        fs
          .readFileSync(path.join(SEED_DOCUMENTS_DIR, 'iso-3166-1.yaml'), 'utf8')
          .replace('values: { iso2: HU, iso3: HUN }', 'values: { iso2: HU, iso3: HUZ }')
          .replace('"Hungary | HU | HUN | 348"', '"Hungary | HU | HUZ | 348"'),
      );
      const loaded = await ingest(cluster, cluster.primary.url, file);
      fs.rmSync(dir, { recursive: true, force: true });
      expect(loaded.code).toBe(0);
      await eventually('every service stops reading from the lagging replica', () =>
        everyServiceSees(slow!.name, false),
      );
      await eventually('the replica takes reads again once it caught up', () =>
        everyServiceSees(slow!.name, true),
      );
      const during = await load.stop();
      expect(during.failures).toEqual([]);
    } finally {
      await c.query('STOP SLAVE');
      await c.query('CHANGE MASTER TO MASTER_DELAY = 0');
      await c.query('START SLAVE');
      await c.end();
    }
  });

  it('answers uncached while Redis is stopped, and stores in it again once it is back', async () => {
    await cluster.redis.stop();
    const without = await runLoad(cluster.gatewayUrl, { concurrency: 4, requests: 60 });
    expect(without.failures).toEqual([]);
    expect(without.ok).toBe(60);

    await cluster.redis.start();
    const redis = new Redis(cluster.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      expect(await redis.dbsize()).toBe(0);
      await eventually('the services store answers in Redis again', async () => {
        await runLoad(cluster.gatewayUrl, { concurrency: 2, requests: 4 });
        return (await redis.dbsize()) > 0;
      });
    } finally {
      redis.disconnect();
    }
  });
});
