/**
 * `npm run bench -- [--events N] [--seed S] [--quick] [--profile] [--only key,key]`: loads the curated seed and a synthetic
 * graph of N events (default 1,000) into a private MariaDB kept in .data/bench/, then, for each reference
 * operation, runs wrk with fixed connections after a warm-up against three targets in turn:
 *   service  the service itself, with production settings (a child process);
 *   B0       node:http answering with the service's own response bytes from memory (the HTTP floor);
 *   B1       node:http + mysql2 running hand-written statements for the same data (the database floor).
 * The service runs with its response cache off, so every request executes; a second instance with the
 * cache on (its default) is measured as well, every request after the first a hit (issue "Caching": a
 * hit serves at least 0.4 of B0's requests/s, with a p99 under 2 ms).
 * It prints requests/s, p50, p99, bytes, SQL statements per request (counted by the database server),
 * the service's peak RSS, and the ratios service/B0 and service/B1, each beside its target; and writes
 * bench/results/latest.json, bench/results/latest.md and bench/results/events-N.json (the baseline of that
 * size, which a run leaving out some of its operations does not replace).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { createDataSource, migrate } from '../db/data-source';
import { startEmbeddedServer } from '../db/embedded-server';
import { loadFiles } from '../ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../ingest/read-inputs';
import { loadSyntheticGraph, refreshDerivedDataAndStatistics } from '../synthetic/load';
import { REFERENCE_OPERATIONS, resolveParameters, type GraphQLRunner } from './operations';
import { summariseProfile } from './profile';
import { startProductionService } from './service-ready';
import { runWrk, type LoadResult } from './wrk';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const CONNECTIONS = 8;

/** The issue's targets, printed beside each measurement. */
const TARGETS = {
  p99Ms: 50,
  p99GrowthAtMillion: 1.5,
  serviceOverB1: 0.5,
  rssMb: 300,
  cachedOverB0: 0.4,
  cachedP99Ms: 2,
};

interface Options {
  events: number;
  seed: number;
  quick: boolean;
  profile: boolean;
  /** The reference operations to measure (their keys); all when not given. */
  only?: string[];
}

/**
 * What one request costs, measured over requests sent one at a time: steadier than requests per second on
 * a machine that others load too (a busy machine stretches every wait, but not the work done).
 */
interface RequestCost {
  /** SQL statements per request, as the database server counted them. */
  sqlPerRequest: number;
  /** Rows the database read per request (its Handler_read_* counters), through indexes or not. */
  rowsReadPerRequest: number;
  /** CPU time of the target's process per request, in ms (kernel ticks: read over many requests). */
  cpuMs: number;
  /** CPU time of the database server per request, in ms. */
  databaseCpuMs: number;
}

type Measured = LoadResult & RequestCost;

interface OperationResult {
  key: string;
  title: string;
  responseBytes: number;
  service: Measured;
  b0: Measured;
  b1: Measured;
  /** The service with its response cache on: cache hits. */
  cached: Measured;
  serviceOverB0: number;
  serviceOverB1: number;
  cachedOverB0: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { events: 1000, seed: 1, quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const integer = (min: number) => {
      const raw = argv[++i];
      if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min)
        throw new Error(
          `${arg} ${JSON.stringify(raw ?? null)} is not accepted: expected an integer of at least ${min}`,
        );
      return Number(raw);
    };
    if (arg === '--events') options.events = integer(1);
    else if (arg === '--seed') options.seed = integer(0);
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--only') {
      const keys = (argv[++i] ?? '').split(',').filter(Boolean);
      const known = REFERENCE_OPERATIONS.map((o) => o.key);
      const unknown = keys.filter((k) => !known.includes(k));
      if (keys.length === 0 || unknown.length > 0)
        throw new Error(
          `--only ${JSON.stringify(unknown.join(',') || null)}: expected keys among ${known.join(', ')}`,
        );
      options.only = keys;
    } else
      throw new Error(
        `unknown argument ${JSON.stringify(arg)}; usage: npm run bench -- [--events N] [--seed S] [--quick] [--profile] [--only key,key]`,
      );
  }
  return options;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Starts a child that prints its port on its first line of output. */
function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve({ child, port: Number(line[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with code ${code}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user and system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
const TICKS_PER_SECOND = 100;
/** The least warm-up before cache hits are measured. */
const HIT_WARMUP_SECONDS = 3;
/** Requests sent one at a time to measure a request's cost. */
const COST_REQUESTS = 30;

/** Peak resident memory of a process so far (VmHWM), in MiB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const warmupSeconds = options.quick ? 1 : 3;
  const seconds = options.quick ? 4 : 10;
  const dataDir = path.join(ROOT, '.data', 'bench', `events-${options.events}-seed-${options.seed}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-bench-'));
  const children: ChildProcess[] = [];
  // a buffer pool sized as a server for this much data would be (the server's default 128 MB holds a
  // fraction of a million-event graph, and every request would then wait on the disk)
  const bufferPoolMb = Number(process.env.BENCH_DB_BUFFER_POOL_MB ?? 2048);
  const database = await startEmbeddedServer({
    dataDir,
    database: 'eurasia_graph_bench',
    serverArgs: [`--innodb-buffer-pool-size=${bufferPoolMb}M`],
  });
  try {
    // the data: prepared once per size and seed, kept between runs
    const marker = path.join(dataDir, 'prepared.json');
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    const migrations = await migrate(dataSource);
    if (!fs.existsSync(marker)) {
      say(
        `preparing the data: the curated seed and ${options.events} synthetic events (seed ${options.seed})...`,
      );
      await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: process.env.SOURCES_DIR });
      const loaded = await loadSyntheticGraph(dataSource, database.url, {
        events: options.events,
        seed: options.seed,
        log: (line) => say(line),
      });
      say(`  loaded in ${loaded.seconds.total.toFixed(1)} s`);
      fs.writeFileSync(
        marker,
        JSON.stringify({ events: options.events, seed: options.seed, seconds: loaded.seconds }),
      );
    } else if (migrations.length > 0) {
      await refreshDerivedDataAndStatistics(dataSource);
    }
    await dataSource.destroy();

    // the service, with production settings: once with its response cache off (every request executes),
    // once with it on (its default: every request after the first is a hit)
    const profileDir = path.join(scratch, 'profile');
    const startService = async (cache: boolean) => {
      const { child, origin } = await startProductionService({
        databaseUrl: database.url,
        nodeArgs: options.profile && !cache ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        env: { RESPONSE_CACHE: String(cache) },
      });
      children.push(child);
      return { child, url: origin };
    };
    const { child: service, url: serviceUrl } = await startService(false);
    const cachedService = await startService(true);
    const gql: GraphQLRunner = async (query, variables) => {
      const res = await fetch(`${serviceUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
      return body.data!;
    };
    const admin = await mysql.createConnection({ uri: database.url, charset: 'UTF8MB4_UNICODE_CI' });
    const sql = async <Row>(text: string, params: unknown[] = []) =>
      (await admin.query(text, params))[0] as Row[];
    const parameters = await resolveParameters(sql, gql);
    const operations = REFERENCE_OPERATIONS.filter((o) => !options.only || options.only.includes(o.key));

    // what the service answers, once: B0 serves these bytes
    const bodies = new Map(
      operations.map((o) => [o.key, JSON.stringify({ query: o.query, variables: o.variables(parameters) })]),
    );
    const responses: Record<string, string> = {};
    for (const o of operations) {
      const res = await fetch(`${serviceUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies.get(o.key)!,
      });
      responses[o.key] = await res.text();
      if (res.status !== 200 || responses[o.key]!.includes('"errors"'))
        say(`warning: ${o.key} answers with an error: ${responses[o.key]!.slice(0, 300)}`);
    }
    fs.writeFileSync(path.join(scratch, 'responses.json'), JSON.stringify(responses));
    fs.writeFileSync(path.join(scratch, 'parameters.json'), JSON.stringify(parameters));
    const b0 = await startChild(
      [path.join(__dirname, 'floor-http.js'), path.join(scratch, 'responses.json')],
      process.env,
    );
    children.push(b0.child);
    const b1 = await startChild(
      [path.join(__dirname, 'floor-sql.js'), path.join(scratch, 'parameters.json')],
      {
        ...process.env,
        DATABASE_URL: database.url,
      },
    );
    children.push(b1.child);

    const questions = async () => {
      const [row] = await sql<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Questions'");
      return Number(row!.Value);
    };
    const rowsRead = async () => {
      const rows = await sql<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Handler\\_read\\_%'");
      return rows.reduce((n, r) => n + Number(r.Value), 0);
    };
    /** Waits until the server runs nothing but these checks: a slow target still works off its queue after wrk stops. */
    const quiet = async () => {
      for (let previous = await questions(); ;) {
        await new Promise((r) => setTimeout(r, 300));
        const now = await questions();
        if (now - previous <= 1) return;
        previous = now;
      }
    };
    /** Statements, rows read and CPU time per request, over requests sent one at a time. */
    const costPerRequest = async (
      url: string,
      body: string,
      pid: number | undefined,
    ): Promise<RequestCost> => {
      const send = () =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) =>
          r.text(),
        );
      await send(); // the first request warms what the others reuse
      await quiet();
      const before = { questions: await questions(), rows: await rowsRead() };
      const cpu = { target: pid ? cpuMs(pid) : 0, database: cpuMs(database.pid) };
      for (let i = 0; i < COST_REQUESTS; i++) await send();
      const after = { cpu: pid ? cpuMs(pid) : 0, database: cpuMs(database.pid) };
      const statements = (await questions()) - before.questions - 2; // the two status reads count themselves
      const rows = (await rowsRead()) - before.rows;
      return {
        sqlPerRequest: statements / COST_REQUESTS,
        rowsReadPerRequest: rows / COST_REQUESTS,
        cpuMs: (after.cpu - cpu.target) / COST_REQUESTS,
        databaseCpuMs: (after.database - cpu.database) / COST_REQUESTS,
      };
    };
    const measure = async (
      url: string,
      body: string,
      pid: number | undefined,
      warmup = warmupSeconds,
    ): Promise<Measured> => {
      const cost = await costPerRequest(url, body, pid);
      await runWrk({ url, body, connections: CONNECTIONS, seconds: warmup, scratch });
      const result = await runWrk({ url, body, connections: CONNECTIONS, seconds, scratch });
      return { ...result, ...cost };
    };

    say(
      `\n${options.events} events; wrk, ${CONNECTIONS} connections, ${warmupSeconds} s warm-up, ${seconds} s measured; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; database buffer pool ${bufferPoolMb} MB (BENCH_DB_BUFFER_POOL_MB)\n`,
    );
    // a new process compiles its hit path during its first seconds of hits: warm it once, on every
    // operation's request in turn, so that the first operation measured is not the one that pays for it
    for (const o of operations)
      await runWrk({
        url: `${cachedService.url}/graphql`,
        body: bodies.get(o.key)!,
        connections: CONNECTIONS,
        seconds: 1,
        scratch,
      });
    const results: OperationResult[] = [];
    for (const o of operations) {
      const body = bodies.get(o.key)!;
      // hits first: what the database still does after an executing run (purging, flushing) would land in
      // their sub-millisecond latencies
      // and warmer: at tens of thousands of requests a second, the first seconds of a new request path are
      // spent compiling it, which a quick run's one-second warm-up leaves in the measured tail
      const measuredCached = await measure(
        `${cachedService.url}/graphql`,
        body,
        cachedService.child.pid,
        Math.max(warmupSeconds, HIT_WARMUP_SECONDS),
      );
      const measuredB0 = await measure(`http://127.0.0.1:${b0.port}/${o.key}`, body, b0.child.pid);
      const measuredService = await measure(`${serviceUrl}/graphql`, body, service.pid);
      const measuredB1 = await measure(`http://127.0.0.1:${b1.port}/${o.key}`, body, b1.child.pid);
      const result: OperationResult = {
        key: o.key,
        title: o.title,
        responseBytes: Buffer.byteLength(responses[o.key]!),
        service: measuredService,
        b0: measuredB0,
        b1: measuredB1,
        cached: measuredCached,
        serviceOverB0: measuredService.requestsPerSecond / measuredB0.requestsPerSecond,
        serviceOverB1: measuredService.requestsPerSecond / measuredB1.requestsPerSecond,
        cachedOverB0: measuredCached.requestsPerSecond / measuredB0.requestsPerSecond,
      };
      results.push(result);
      say(row(result));
    }
    const rssMb = peakRssMb(service.pid!);
    await admin.end();
    await stopChild(service);
    const profile = options.profile ? summariseProfile(profileDir) : undefined;

    const report = writeResults(options, { warmupSeconds, seconds }, results, rssMb, profile);
    say(`\n${report}`);
  } finally {
    for (const child of children) await stopChild(child);
    await database.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function row(r: OperationResult): string {
  const t = (name: string, m: Measured) =>
    `${name} ${fixed(m.requestsPerSecond, 0).padStart(6)} req/s p50 ${fixed(m.p50Ms, 2).padStart(6)} p99 ${fixed(m.p99Ms, 2).padStart(7)} ms SQL ${fixed(m.sqlPerRequest).padStart(4)}${m.errors ? ` (${m.errors} errors)` : ''}`;
  return `${r.key.padEnd(21)} ${t('service', r.service)} | ${t('B0', r.b0)} | ${t('B1', r.b1)} | ${t('cached', r.cached)} | service/B0 ${fixed(r.serviceOverB0, 2)} service/B1 ${fixed(r.serviceOverB1, 2)} cached/B0 ${fixed(r.cachedOverB0, 2)}`;
}

/** The CPU a request costs B1 and its database over what it costs the service and its database. */
const cpuRatio = (r: OperationResult) =>
  (r.b1.cpuMs + r.b1.databaseCpuMs) / (r.service.cpuMs + r.service.databaseCpuMs);

const geomean = (values: number[]) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

function writeResults(
  options: Options,
  timing: { warmupSeconds: number; seconds: number },
  results: OperationResult[],
  rssMb: number,
  profile: string[] | undefined,
): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  // the 1,000-event run is the baseline the million-event run is held to
  const baselineFile = path.join(RESULTS, 'events-1000.json');
  const baseline =
    options.events !== 1000 && fs.existsSync(baselineFile)
      ? (JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as { operations: OperationResult[] })
      : undefined;
  // an operation that B1 could not answer within the run (0 req/s) has no ratio: left out, and said so
  const comparable = results.filter((r) => Number.isFinite(r.serviceOverB1));
  const overB1 = comparable.length ? geomean(comparable.map((r) => r.serviceOverB1)) : NaN;
  const withoutB1 = results.filter((r) => !Number.isFinite(r.serviceOverB1)).map((r) => r.key);
  const overB0 = geomean(results.map((r) => r.serviceOverB0));
  const json = {
    events: options.events,
    seed: options.seed,
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, loadAverage: os.loadavg()[0] },
    settings: { connections: CONNECTIONS, ...timing, quick: options.quick },
    serviceRssPeakMb: rssMb,
    geomean: { serviceOverB0: overB0, serviceOverB1: overB1 },
    operations: results,
    profile,
  };
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  // the file per size is the baseline other runs compare with: a run that leaves out operations it holds
  // (`--only`) does not replace it
  const sizeFile = path.join(RESULTS, `events-${options.events}.json`);
  const held = fs.existsSync(sizeFile)
    ? (JSON.parse(fs.readFileSync(sizeFile, 'utf8')) as { operations: { key: string }[] }).operations.map(
        (o) => o.key,
      )
    : [];
  const replacesSizeFile = held.every((key) => results.some((r) => r.key === key));
  if (replacesSizeFile) fs.writeFileSync(sizeFile, `${JSON.stringify(json, null, 2)}\n`);

  const ok = (good: boolean) => (good ? 'yes' : '**no**');
  const lines = [
    `## Benchmark: ${options.events} events (seed ${options.seed}), ${json.date}`,
    '',
    `wrk with ${CONNECTIONS} connections, ${timing.warmupSeconds} s warm-up then ${timing.seconds} s per target; ${json.machine.cores} cores, load average ${fixed(json.machine.loadAverage ?? NaN)} at the end. Latencies in ms. SQL statements per request as the database server counted them.`,
    '',
    '| operation | service req/s | p50 | p99 (target ≤ 50) | B0 req/s | B0 p99 | B1 req/s | B1 p99 | SQL service / B1 | service/B0 | service/B1 (target ≥ 0.5) |' +
      (baseline ? ' p99 / p99 at 1,000 (target ≤ 1.5) | SQL as at 1,000 |' : ''),
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |' +
      (baseline ? ' ---: | --- |' : ''),
  ];
  for (const r of results) {
    const base = baseline?.operations.find((b) => b.key === r.key);
    const growth = base ? r.service.p99Ms / base.service.p99Ms : NaN;
    lines.push(
      `| ${r.key} | ${fixed(r.service.requestsPerSecond, 0)} | ${fixed(r.service.p50Ms, 2)} | ${fixed(r.service.p99Ms, 2)} ${ok(r.service.p99Ms <= TARGETS.p99Ms)} | ${fixed(r.b0.requestsPerSecond, 0)} | ${fixed(r.b0.p99Ms, 2)} | ${fixed(r.b1.requestsPerSecond, 0)} | ${fixed(r.b1.p99Ms, 2)} | ${fixed(r.service.sqlPerRequest)} / ${fixed(r.b1.sqlPerRequest)} | ${fixed(r.serviceOverB0, 2)} | ${fixed(r.serviceOverB1, 2)} ${ok(r.serviceOverB1 >= TARGETS.serviceOverB1)} |` +
        (baseline
          ? ` ${fixed(growth, 2)} ${ok(growth <= TARGETS.p99GrowthAtMillion)} | ${ok(base !== undefined && Math.round(base.service.sqlPerRequest * 10) === Math.round(r.service.sqlPerRequest * 10))} |`
          : ''),
    );
  }
  lines.push(
    '',
    `Cost of one request, over ${COST_REQUESTS} requests sent one at a time (steadier than requests/s on a shared machine): CPU ms of the target's process and of the database server, SQL statements and rows the database read.`,
    '',
    '| operation | service CPU ms | its database CPU ms | B1 CPU ms | its database CPU ms | (B1 + db) / (service + db) CPU | SQL service / B1 | rows read service / B1 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of results)
    lines.push(
      `| ${r.key} | ${fixed(r.service.cpuMs, 2)} | ${fixed(r.service.databaseCpuMs, 2)} | ${fixed(r.b1.cpuMs, 2)} | ${fixed(r.b1.databaseCpuMs, 2)} | ${fixed(cpuRatio(r), 2)} | ${fixed(r.service.sqlPerRequest)} / ${fixed(r.b1.sqlPerRequest)} | ${fixed(r.service.rowsReadPerRequest, 0)} / ${fixed(r.b1.rowsReadPerRequest, 0)} |`,
    );
  lines.push(
    '',
    `Cache hits: the service with its response cache on (its default), the same requests, every one after the first a hit (target: at least ${TARGETS.cachedOverB0} of B0's requests/s, p99 under ${TARGETS.cachedP99Ms} ms).`,
    '',
    '| operation | cached req/s | p50 | p99 | B0 req/s | B0 p99 | cached/B0 | SQL per hit |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.key} | ${fixed(r.cached.requestsPerSecond, 0)} | ${fixed(r.cached.p50Ms, 2)} | ${fixed(r.cached.p99Ms, 2)} ${ok(r.cached.p99Ms < TARGETS.cachedP99Ms)} | ${fixed(r.b0.requestsPerSecond, 0)} | ${fixed(r.b0.p99Ms, 2)} | ${fixed(r.cachedOverB0, 2)} ${ok(r.cachedOverB0 >= TARGETS.cachedOverB0)} | ${fixed(r.cached.sqlPerRequest)} |`,
    ),
  );
  lines.push(
    '',
    `- service/B1, geometric mean over the operations${withoutB1.length ? ` (without ${withoutB1.join(', ')}: B1 answered none)` : ''}: ${fixed(overB1, 2)} (target ≥ ${TARGETS.serviceOverB1}: ${ok(overB1 >= TARGETS.serviceOverB1)}); service/B0: ${fixed(overB0, 2)}`,
    `- CPU per request, B1 (with its database) over the service (with its database), geometric mean: ${fixed(geomean(results.map(cpuRatio)), 2)}`,
    `- service peak RSS: ${fixed(rssMb, 0)} MB (target ≤ ${TARGETS.rssMb} MB at 1,000,000 events: ${ok(rssMb <= TARGETS.rssMb)})`,
    `- responses: ${results.map((r) => `${r.key} ${r.responseBytes} B`).join(', ')}`,
    ...(replacesSizeFile
      ? []
      : [`- ${path.basename(sizeFile)} kept: it holds operations this run did not measure`]),
  );
  if (profile)
    lines.push(
      '',
      'CPU profile of the service under the load (self time):',
      '',
      ...profile.map((p) => `    ${p}`),
    );
  const markdown = `${lines.join('\n')}\n`;
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), markdown);
  return markdown;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
