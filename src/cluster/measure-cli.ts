/**
 * `npm run cluster:measure`: figures for capacity planning (docs/scaling.md), measured on a cluster started
 * for the purpose (the topology of `npm run cluster`, on free ports and a temporary folder):
 *
 * 1. each reference operation once per service, uncached: SQL statements per request (what a database
 *    replica reads for one answer);
 * 2. a realistic mix through the gateway for MEASURE_SECONDS (default 20) from MEASURE_CLIENTS (8)
 *    clients: popular lookups drawn from a Zipf distribution over the seed's countries and organizations,
 *    the other reference operations, and one request in twenty a name nobody asked for before (a miss).
 *    It prints requests/s, the response cache's hit ratio, statements per request, and the CPU seconds each
 *    process spent (from /proc), so requests per CPU-second per component: which one saturates first.
 *
 * Numbers, not assertions: they depend on the machine and on what else runs on it.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { loadConfig } from '../config';
import { REFERENCE_OPERATIONS, resolveParameters } from '../benchmarks/operations';
import { startCluster, type Cluster } from './cluster';
import { loadClusterSettings } from './settings';

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime: fields 14 and 15 of the line, 12 and 13 after the command name
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

async function metric(origin: string, name: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`).exec(line);
    if (m) values[m[1] ?? ''] = (values[m[1] ?? ''] ?? 0) + Number(m[2]);
  }
  return values;
}

async function totals(cluster: Cluster) {
  const sum = (v: Record<string, number>) => Object.values(v).reduce((a, b) => a + b, 0);
  const t = { requests: 0, statements: 0, hits: 0, misses: 0, byTarget: {} as Record<string, number> };
  for (const s of cluster.services) {
    t.requests += sum(await metric(s.origin, 'graphql_requests_total'));
    t.hits += sum(await metric(s.origin, 'graphql_response_cache_hits_total'));
    t.misses += sum(await metric(s.origin, 'graphql_response_cache_misses_total'));
    for (const [label, v] of Object.entries(await metric(s.origin, 'db_statements_total'))) {
      const target = /target="([^"]+)"/.exec(label)?.[1] ?? label;
      t.byTarget[target] = (t.byTarget[target] ?? 0) + v;
      t.statements += v;
    }
  }
  return t;
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (res.status !== 200 || body.errors) throw new Error(`${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** An index from 0 to n-1, the first ones most often (Zipf, exponent 1). */
function zipf(n: number): number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  let r = Math.random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) if ((r -= weights[i]!) <= 0) return i;
  return n - 1;
}

async function main(): Promise<void> {
  const settings = loadClusterSettings();
  const seconds = Number(process.env.MEASURE_SECONDS ?? 20);
  const clients = Number(process.env.MEASURE_CLIENTS ?? 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-measure-'));
  const cluster = await startCluster({
    ...settings,
    basePort: 0,
    dir,
    sourcesDir: loadConfig().sourcesDir,
    serviceEnv: { LOG_LEVEL: 'silent' },
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const primary = await mysql.createConnection(cluster.primary.url);
    const sql = async <Row>(q: string, params: unknown[] = []) =>
      (await primary.query(q, params))[0] as Row[];
    const gql = (q: string, v: Record<string, unknown> = {}) => post(cluster.gatewayUrl, q, v);
    const p = await resolveParameters(sql, gql);
    const countries = (await sql<{ name: string }>('SELECT name FROM country ORDER BY id')).map(
      (r) => r.name,
    );
    const organizations = (await sql<{ name: string }>('SELECT name FROM organization ORDER BY id')).map(
      (r) => r.name,
    );
    await primary.end();
    out(`cluster: ${cluster.services.length} services, ${cluster.replicas.length} database replicas`);
    out(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} before the load`);

    out(
      '\nSQL statements per uncached request, by reference operation (a cache miss on one service; the ' +
        'read of the data version after each request included):',
    );
    for (const op of REFERENCE_OPERATIONS) {
      const service = cluster.services[0]!;
      const before = await totals(cluster);
      // the cache keys on the Accept header too: one never sent before makes this request a miss
      await post(`${service.origin}/graphql`, op.query, op.variables(p), {
        accept: `application/json, */*;q=0.${Math.floor(Math.random() * 1e6)}`,
      });
      out(`  ${op.key.padEnd(22)} ${(await totals(cluster)).statements - before.statements}`);
    }

    const mix = [
      {
        weight: 30,
        make: () => [REFERENCE_OPERATIONS[0]!.query, { name: countries[zipf(countries.length)] }],
      },
      {
        weight: 20,
        make: () => [REFERENCE_OPERATIONS[1]!.query, { name: organizations[zipf(organizations.length)] }],
      },
      ...['search', 'timeline', 'countries-page', 'events-range'].map((key) => {
        const op = REFERENCE_OPERATIONS.find((o) => o.key === key)!;
        return { weight: 11, make: () => [op.query, op.variables(p)] };
      }),
      {
        weight: 6,
        make: () => [
          'query Lookup($name: String!) { country(name: $name) { name } }',
          { name: `nowhere-${Math.random()}` },
        ],
      },
    ] as { weight: number; make: () => [string, Record<string, unknown>] }[];
    const totalWeight = mix.reduce((a, m) => a + m.weight, 0);
    const pick = () => {
      let r = Math.random() * totalWeight;
      for (const m of mix) if ((r -= m.weight) <= 0) return m.make();
      return mix[0]!.make();
    };

    const pids = {
      gateway: [cluster.gateway.pid],
      haproxy: [cluster.balancer.pid],
      services: cluster.services.map((s) => s.process.pid),
      'database replicas': cluster.replicas.map((r) => r.pid),
      'database primary': [cluster.primary.pid],
      redis: [cluster.redis.pid],
    };
    const cpu = () =>
      Object.fromEntries(
        Object.entries(pids).map(([k, list]) => [k, list.reduce((a: number, pid) => a + cpuSeconds(pid), 0)]),
      );
    const before = await totals(cluster);
    const cpuBefore = cpu();
    const started = Date.now();
    let sent = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() - started < seconds * 1000) {
          const [query, variables] = pick();
          sent += 1;
          await post(cluster.gatewayUrl, query, variables).catch(() => (failed += 1));
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    const after = await totals(cluster);
    const cpuAfter = cpu();
    const requests = after.requests - before.requests;
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    out(`\nrealistic mix through the gateway, ${clients} clients for ${elapsed.toFixed(1)} s:`);
    out(`  requests ${sent} (${failed} failed), ${(sent / elapsed).toFixed(0)} requests/s`);
    out(`  response cache hit ratio ${((100 * hits) / Math.max(1, hits + misses)).toFixed(1)} %`);
    out(
      `  SQL statements per request ${((after.statements - before.statements) / Math.max(1, requests)).toFixed(2)}` +
        ` (${Object.entries(after.byTarget)
          .map(([t, v]) => `${t} ${v - (before.byTarget[t] ?? 0)}`)
          .join(', ')})`,
    );
    out('  CPU seconds by component, and requests per CPU-second:');
    for (const k of Object.keys(pids)) {
      const used = cpuAfter[k]! - cpuBefore[k]!;
      out(
        `    ${k.padEnd(20)} ${used.toFixed(1).padStart(6)} s   ${used > 0 ? (sent / used).toFixed(0) : '-'}`,
      );
    }
    out(`machine load average ${os.loadavg()[0]!.toFixed(1)} after the load (2 cores, shared)`);
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`measuring failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
