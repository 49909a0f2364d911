/**
 * `npm run bench:overload`: does a flood shed only the excess? Starts the service as its own process in
 * production mode (`node dist/main.js`, on a private database in a temporary folder), then drives a cheap
 * query with wrk at a modest number of connections and at a flood, probing /healthz and /readyz from here
 * during the flood. Prints successful requests per second at each, their ratio, answers by status,
 * /healthz latency and the log lines written, each beside its goal. Numbers, not assertions: the figures
 * depend on the machine, and on what else runs on it.
 *
 * The service runs in a process of its own so that the probes measure how quickly it answers a health
 * check under load, not how busy this process is. Settings: BENCH_SECONDS (per run, default 10),
 * BENCH_CONNECTIONS (default 16), BENCH_FLOOD_CONNECTIONS (default 200), BENCH_WRK_THREADS (default 1: one
 * thread drives 200 connections at these rates, and on a 2-core machine a second one takes CPU from the
 * service);
 * the service's own settings (DB_POOL_SIZE, MAX_CONCURRENT_REQUESTS, ...) pass through from the
 * environment, except DATABASE_URL, DATA_DIR, PORT and NODE_ENV.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { freePort } from '../db/embedded-server';

const QUERY = '{ country(iso2: "TR") { name iso2 } }';
const GOAL_RATIO = 0.8;
const GOAL_HEALTH_P99_MS = 50;
const HEALTH_PROBE_INTERVAL_MS = 10;
const READY_PROBE_INTERVAL_MS = 500;
const WRK_THREADS = 1;

const setting = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name}=${JSON.stringify(raw)}: expected a positive integer`);
  return n;
};

interface WrkResult {
  durationUs: number;
  requests: number;
  /** 200 answers whose body carries GraphQL errors: not a success. */
  withErrors: number;
  statuses: Record<string, number>;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  latencyP50Us: number;
  latencyP99Us: number;
}

/** wrk's Lua hooks: POST the query, count answers by status per thread, and print one JSON line at the end. */
function wrkScript(body: string): string {
  return `
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = ${JSON.stringify(body)}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; withErrors = 0 end
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 and string.find(body, '"errors"', 1, true) then withErrors = withErrors + 1 end
end
function done(summary, latency, requests)
  local total, errs = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    errs = errs + t:get("withErrors")
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, string.format('"%s":%d', k, v)) end
  io.write(string.format(
    'RESULT {"durationUs":%d,"requests":%d,"withErrors":%d,"statuses":{%s},' ..
    '"socketErrors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"latencyP50Us":%d,"latencyP99Us":%d}\\n',
    summary.duration, summary.requests, errs, table.concat(parts, ","),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
}

function runWrk(url: string, script: string, connections: number, seconds: number): Promise<WrkResult> {
  const threads = Math.min(setting('BENCH_WRK_THREADS', WRK_THREADS), connections);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', script, url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as WrkResult);
    });
  });
}

const ok = (r: WrkResult) => (r.statuses['200'] ?? 0) - r.withErrors;
const perSecond = (r: WrkResult) => ok(r) / (r.durationUs / 1e6);

function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: 5_000 }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.once('error', reject);
  });
}

/** Probes `url` one request at a time until `until` resolves: each answer's status and time. */
async function probe(
  url: string,
  intervalMs: number,
  until: Promise<unknown>,
): Promise<{ ms: number; status: number }[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let stop = false;
  void until.finally(() => (stop = true));
  const results: { ms: number; status: number }[] = [];
  while (!stop) {
    const started = performance.now();
    const status = await get(agent, url).catch(() => 0);
    results.push({ ms: performance.now() - started, status });
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  agent.destroy();
  return results;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Counts the service's log lines from `offset` on: by level, and those that carry a stack. */
function countLogLines(
  file: string,
  offset: number,
): { levels: Record<string, number>; stacks: number; errors: string[]; end: number } {
  const text = fs.readFileSync(file, 'utf8');
  const names: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  const levels: Record<string, number> = {};
  const errors = new Set<string>();
  let stacks = 0;
  for (const line of text.slice(offset).split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    const level = names[entry.level] ?? 'other';
    levels[level] = (levels[level] ?? 0) + 1;
    if (line.includes('"stack"')) stacks += 1;
    if (entry.level >= 50) errors.add(`${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
  }
  return { levels, stacks, errors: [...errors], end: text.length };
}

/**
 * The service's event-loop delay (prom-client's monitorEventLoopDelay gauges on /metrics, in seconds), since
 * the previous read: each scrape of /metrics starts a new window. A /healthz probe answered in front of
 * everything else still waits for the event loop to reach it, so its latency is bounded below by this.
 */
async function eventLoopDelay(origin: string): Promise<{ p99Ms: number; maxMs: number }> {
  const res = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  const gauge = (name: string) => {
    const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
    return match ? Number(match[1]) * 1000 : NaN;
  };
  return {
    p99Ms: gauge('nodejs_eventloop_lag_p99_seconds'),
    maxMs: gauge('nodejs_eventloop_lag_max_seconds'),
  };
}

/**
 * A bare node:http server in a process of its own that answers every request at once: probed beside
 * /healthz, it shows how much of a probe's latency the machine itself adds (scheduling on busy cores,
 * the prober's own delays) rather than the service.
 */
async function startBareServer(): Promise<{ origin: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      'const s = require(\'node:http\').createServer((q, r) => r.end(\'{"status":"ok"}\'));' +
        "s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** User plus system CPU time of a process so far, in ms (Linux's /proc); NaN where that is not available. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function waitReady(origin: string, service: ChildProcess, log: string): Promise<void> {
  const agent = new http.Agent();
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (service.exitCode !== null)
      throw new Error(
        `the service exited with ${service.exitCode}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`,
      );
    if ((await get(agent, `${origin}/readyz`).catch(() => 0)) === 200) return;
    if (Date.now() > deadline) throw new Error('the service was not ready within 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopService(service: ChildProcess, dataDir: string): Promise<void> {
  if (service.exitCode !== null || service.signalCode !== null) return;
  const exited = new Promise((r) => service.once('exit', r));
  service.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    service.kill('SIGKILL');
  }, 30_000);
  await exited;
  clearTimeout(timer);
  if (!killed) return;
  // A service that had to be killed leaves its private database running: stop that server too, if the
  // pid in its pid file still belongs to a database server on this folder (pids are reused).
  const pidFile = path.join(dataDir, 'server.pid');
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (pid > 0 && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir))
      process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file, or the server is gone
  }
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) {
    throw new Error('wrk is not on PATH (Debian/Ubuntu: apt-get install -y wrk)');
  }
  const seconds = setting('BENCH_SECONDS', 10);
  const low = setting('BENCH_CONNECTIONS', 16);
  const high = setting('BENCH_FLOOD_CONNECTIONS', 200);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-overload-'));
  const dataDir = path.join(folder, 'db');
  const logFile = path.join(folder, 'service.log');
  const script = path.join(folder, 'query.lua');
  fs.writeFileSync(script, wrkScript(JSON.stringify({ query: QUERY })));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  delete env.DATABASE_URL;
  const settings = loadConfig(env);
  const logFd = fs.openSync(logFile, 'a');
  const service = spawn(process.execPath, [path.resolve(__dirname, '..', 'main.js')], {
    env,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;
  let bareServer: Awaited<ReturnType<typeof startBareServer>> | undefined;
  const interrupted = () => {
    bareServer?.stop();
    void stopService(service, dataDir).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    await waitReady(origin, service, logFile);
    const a = settings.admission;
    process.stdout.write(
      `service: production, pool ${settings.dbPoolSize} (queue ${settings.dbQueueLimit}), admission ${a.maxConcurrent} running + ${a.queueLimit} queued (wait ≤ ${a.maxWaitMs} ms)\n` +
        `query: ${QUERY}\nwrk: ${seconds} s per run, ${Math.min(setting('BENCH_WRK_THREADS', WRK_THREADS), low)} threads\n\n`,
    );
    await runWrk(url, script, low, Math.min(3, seconds)); // warm-up, not reported
    let cpu = cpuMs(service.pid);
    const base = await runWrk(url, script, low, seconds);
    const baseCpu = cpuMs(service.pid) - cpu;

    let logs = countLogLines(logFile, 0);
    bareServer = await startBareServer();
    await eventLoopDelay(origin); // starts the window of the flood
    cpu = cpuMs(service.pid);
    const flood = runWrk(url, script, high, seconds);
    const [floodResult, health, ready, bare] = await Promise.all([
      flood,
      probe(`${origin}/healthz`, HEALTH_PROBE_INTERVAL_MS, flood),
      probe(`${origin}/readyz`, READY_PROBE_INTERVAL_MS, flood),
      probe(`${bareServer.origin}/`, HEALTH_PROBE_INTERVAL_MS, flood),
    ]);
    const floodCpu = cpuMs(service.pid) - cpu;
    const loop = await eventLoopDelay(origin);
    await new Promise((r) => setTimeout(r, 500)); // the last answers' log lines
    logs = countLogLines(logFile, logs.end);

    const ratio = perSecond(floodResult) / perSecond(base);
    const healthMs = health.map((h) => h.ms).sort((x, y) => x - y);
    const healthP99 = percentile(healthMs, 99);
    const bareMs = bare.map((h) => h.ms).sort((x, y) => x - y);
    const statuses = (r: WrkResult) =>
      Object.entries(r.statuses)
        .sort()
        .map(([s, n]) => `${s}: ${n}`)
        .concat(r.withErrors ? [`200 with errors: ${r.withErrors}`] : [])
        .join(', ') || 'none';
    const socket = (r: WrkResult) => {
      const e = r.socketErrors;
      const n = e.connect + e.read + e.write + e.timeout;
      return n
        ? `; socket errors: connect ${e.connect}, read ${e.read}, write ${e.write}, timeout ${e.timeout}`
        : '';
    };
    const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
    // CPU time per answer depends far less on what else runs on the machine than requests per second do.
    const perAnswer = (ms: number, r: WrkResult) =>
      Number.isNaN(ms) ? 'unknown' : `${((ms * 1000) / Math.max(1, r.requests)).toFixed(0)} µs`;
    const lines = [
      `${low} connections:  ${perSecond(base).toFixed(0)} successful req/s; answers ${statuses(base)}${socket(base)}; latency p50 ${(base.latencyP50Us / 1000).toFixed(1)} ms, p99 ${(base.latencyP99Us / 1000).toFixed(1)} ms`,
      `${high} connections: ${perSecond(floodResult).toFixed(0)} successful req/s; answers ${statuses(floodResult)}${socket(floodResult)}; latency p50 ${(floodResult.latencyP50Us / 1000).toFixed(1)} ms, p99 ${(floodResult.latencyP99Us / 1000).toFixed(1)} ms`,
      '',
      `ratio of successful req/s, ${high} to ${low} connections: ${ratio.toFixed(2)}   goal ≥ ${GOAL_RATIO}: ${verdict(ratio >= GOAL_RATIO)}`,
      `/healthz during the flood: ${health.length} probes, p50 ${percentile(healthMs, 50).toFixed(1)} ms, p99 ${healthP99.toFixed(1)} ms, max ${healthMs[healthMs.length - 1]?.toFixed(1)} ms, not 200: ${health.filter((h) => h.status !== 200).length}   goal p99 < ${GOAL_HEALTH_P99_MS} ms: ${verdict(healthP99 < GOAL_HEALTH_P99_MS)}`,
      `a bare node:http server probed alike at the same time: p50 ${percentile(bareMs, 50).toFixed(1)} ms, p99 ${percentile(bareMs, 99).toFixed(1)} ms (what the machine adds, not the service)`,
      `event loop delay during the flood: p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms (a probe waits at least this long for its turn)`,
      `/readyz during the flood: ${ready.length} probes, not 200: ${ready.filter((r) => r.status !== 200).length}   goal 0: ${verdict(ready.every((r) => r.status === 200))}`,
      `service CPU time per answer: ${perAnswer(baseCpu, base)} at ${low} connections, ${perAnswer(floodCpu, floodResult)} in the flood (sheds included)`,
      `log lines during the flood: ${
        Object.entries(logs.levels)
          .map(([l, n]) => `${l} ${n}`)
          .join(', ') || 'none'
      }; with a stack: ${logs.stacks}   goal: no error, no stack: ${verdict(!logs.levels.error && !logs.levels.fatal && logs.stacks === 0)}`,
    ];
    for (const error of logs.errors.slice(0, 5)) lines.push(`  error logged: ${error.slice(0, 1500)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    process.removeListener('SIGINT', interrupted);
    bareServer?.stop();
    await stopService(service, dataDir);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overload failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
