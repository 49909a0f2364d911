/**
 * Helpers of the cluster tests: the cluster itself (free ports, a temporary folder, everything stopped
 * after the file, also when the test run is interrupted), bounded load from the test, and the counts the
 * processes publish (the services' /metrics, HAProxy's statistics).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type Cluster } from '../../src/cluster/cluster';
import { SOURCES_DIR } from '../support/environment';

export async function startTestCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-cluster-'));
  const cluster = await startCluster({
    services: 2,
    replicas: 2,
    basePort: 0,
    dir,
    balancerCheckMs: 300,
    sourcesDir: SOURCES_DIR,
    serviceEnv: {
      LOG_LEVEL: 'silent',
      REPLICA_CHECK_MS: '200',
      REPLICA_MAX_LAG_SECONDS: '2',
      DB_POOL_SIZE: '4',
    },
  });
  // an interrupted run must not leave servers behind: kill what is still running, by pid
  const killAll = () => {
    const pids = [
      cluster.gateway.pid,
      cluster.balancer.pid,
      cluster.redis.pid,
      ...cluster.services.map((s) => s.process.pid),
      cluster.primary.pid,
      ...cluster.replicas.map((r) => r.pid),
    ];
    for (const pid of pids) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  };
  process.once('exit', killAll);
  const stop = cluster.stop;
  cluster.stop = async () => {
    await stop();
    process.removeListener('exit', killAll);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return cluster;
}

export interface Answer {
  status: number;
  /** -1: no answer (connection failed); -2: no answer within the client's limit (a hang). */
  body?: { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
  version?: number;
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    const version = res.headers.get('x-data-version');
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { status: res.status, body, version: version === null ? undefined : Number(version) };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? -2 : -1 };
  }
}

/** A name lookup that finds nothing and a page of countries: every request differs, so each reads the database. */
export const LOOKUP = `query Lookup($name: String!, $first: Int!) {
  country(name: $name) { name }
  countries(first: $first) { totalCount nodes { name iso3 } }
}`;

export interface LoadResult {
  sent: number;
  ok: number;
  /** 503 with SERVICE_UNAVAILABLE: a clean refusal. */
  unavailable: number;
  /** Anything else: the status (or -1 no answer, -2 hung) and the first error's message. */
  failures: string[];
}

let sequence = 0;

/**
 * Sends LOOKUP requests from `concurrency` clients until `requests` were sent, or until `until()` holds
 * (checked between requests). Every request has an answer or counts as a failure.
 */
export async function runLoad(
  url: string,
  options: { concurrency: number; requests?: number; until?: () => boolean },
): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, ok: 0, unavailable: 0, failures: [] };
  const more = () =>
    options.requests !== undefined ? result.sent < options.requests : !(options.until?.() ?? true);
  const client = async () => {
    while (more()) {
      result.sent += 1;
      sequence += 1;
      const answer = await post(url, LOOKUP, { name: `nowhere-${sequence}`, first: 1 + (sequence % 50) });
      const code = answer.body?.errors?.[0]?.extensions?.code;
      if (answer.status === 200 && answer.body?.data?.countries && !answer.body.errors) result.ok += 1;
      else if (answer.status === 503 && code === 'SERVICE_UNAVAILABLE') result.unavailable += 1;
      else result.failures.push(`${answer.status} ${answer.body?.errors?.[0]?.message ?? ''}`.trim());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return result;
}

/** Load running in the background until `stop()`, which returns its counts. */
export function backgroundLoad(url: string, concurrency: number) {
  let stopped = false;
  const running = runLoad(url, { concurrency, until: () => stopped });
  return {
    stop: async () => {
      stopped = true;
      return running;
    },
  };
}

/** One metric's samples from a Prometheus text page, by its label `target` or `state` (or '' unlabelled). */
export async function metricValues(origin: string, name: string): Promise<Record<string, number>> {
  const res = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`).exec(line);
    if (!m) continue;
    const label = m[1] ?? '';
    values[label] = (values[label] ?? 0) + Number(m[2]);
  }
  return values;
}

/** The sum of one metric over all services, by label. */
export async function clusterMetric(cluster: Cluster, name: string): Promise<Record<string, number>> {
  const sum: Record<string, number> = {};
  for (const s of cluster.services) {
    if (!s.process.running()) continue;
    for (const [label, v] of Object.entries(await metricValues(s.origin, name)))
      sum[label] = (sum[label] ?? 0) + v;
  }
  return sum;
}

/** HAProxy's view of each service process: UP, DOWN, ... */
export async function balancerStatus(cluster: Cluster): Promise<Record<string, string>> {
  const res = await fetch(`${cluster.balancerStatsUrl};csv`, { signal: AbortSignal.timeout(5000) });
  const [header, ...rows] = (await res.text()).replace(/^# /, '').trim().split('\n');
  const cols = header!.split(',');
  const status: Record<string, string> = {};
  for (const row of rows) {
    const cells = row.split(',');
    const record = Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
    if (record.pxname === 'services' && record.svname?.startsWith('service-'))
      status[record.svname] = String(record.status).split(' ')[0]!;
  }
  return status;
}

/** Polls `check` every 100 ms until it holds; fails with `what` after `limitMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the ingest command as a user does, against a database URL; its exit code and output. */
export function ingest(
  cluster: Cluster,
  databaseUrl: string,
  file: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(cluster.root, 'dist', 'ingest', 'cli.js'), file],
      { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          output: stdout + stderr,
        }),
    );
  });
}
