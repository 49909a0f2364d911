/**
 * `npm run bench`: starts the service (on DATABASE_URL, or its private database), sends each reference
 * query many times over HTTP, and prints latency percentiles, SQL statements per request and the
 * process's memory. Numbers, not assertions: compare them between changes on the same machine.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startService } from '../service';

const QUERIES: Record<string, string> = {
  'country page': `{ country(name: "Kazakhstan") { name aliases iso2 claims { value rank sources { quote document { title } } }
    memberships(first: 20) { nodes { status since { text } organization { name } sources { quote } } }
    agreements(first: 10) { nodes { role agreement { name signed { text } } } }
    events(first: 10) { nodes { role event { name start { text } } } } } }`,
  'organization members': `{ organization(name: "TDT") { name members(first: 20) { totalCount nodes { status member { ... on Country { name } } sources { quote } } } } }`,
  search: `{ search(text: "corridor", first: 20) { totalCount edges { score node { __typename ... on Project { name } ... on Agreement { name } } } } }`,
  timeline: `{ timeline(first: 50) { totalCount edges { date { text } node { __typename ... on Event { name } ... on Agreement { name } } } } }`,
  'deep reference query': `{ countries(first: 20) { nodes { name memberships(first: 20) { nodes { status organization { name
    members(first: 20) { nodes { status member { ... on Country { name claims { value sources { quote document { title } } } } } } } } } } } } }`,
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
  const config = { ...loadConfig(), port: 0, logLevel: 'silent' as const, queryStats: true };
  const service = await startService(config, createLogger('silent'));
  try {
    process.stdout.write(`${iterations} requests per query, one at a time, against ${service.url}\n\n`);
    process.stdout.write(
      `${'query'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'req/s'.padStart(7)} ${'SQL'.padStart(4)}\n`,
    );
    for (const [name, query] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let statements = 0;
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) {
        const t0 = process.hrtime.bigint();
        const res = await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as {
          errors?: unknown[];
          extensions?: { stats?: { sqlStatements: number } };
        };
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors).slice(0, 300)}`);
        statements = body.extensions?.stats?.sqlStatements ?? 0;
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      const total = Number(process.hrtime.bigint() - started) / 1e9;
      times.sort((a, b) => a - b);
      const fmt = (n: number) => n.toFixed(1).padStart(8);
      process.stdout.write(
        `${name.padEnd(22)} ${fmt(percentile(times, 50))} ${fmt(percentile(times, 95))} ${fmt(times[times.length - 1]!)} ${(iterations / total).toFixed(0).padStart(7)} ${String(statements).padStart(4)}\n`,
      );
    }
    const memory = process.memoryUsage();
    process.stdout.write(
      `\nmemory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB\n`,
    );
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
