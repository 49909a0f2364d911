/**
 * `npm run bench:cache`: the response cache against its targets, with wrk (a native load generator).
 * Starts the service (on DATABASE_URL, or its private database) with production settings and a log line
 * per request written to /dev/null, then measures:
 *
 * - B0: a plain node:http server answering the same bytes and headers as a cached answer;
 * - cached GET and cached POST (both served before express): requests per second beside
 *   B0 (target: at least 0.4 of B0), p99 latency at 8 connections (target: under 2 ms), and the CPU time
 *   of a hit beside B0's (at most 1.6 times B0's, so that the throughput target holds with a margin);
 *   in rounds of B0, GET and POST, each hit compared with the B0 of its round, medians reported;
 * - the in-memory cache under many distinct queries: its bytes beside its bound (target: within it).
 *
 * Numbers, not assertions. Settings: BENCH_SECONDS (each run, default 5), BENCH_ROUNDS (default 3),
 * BENCH_DISTINCT (default 3000), CACHE_MAX_MB (the bound measured, default 4 here).
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config';
import { logDestination } from '../logger';
import { startService } from '../service';

const QUERY = `{ country(name: "Kazakhstan") { name aliases iso2 memberships(first: 20) { nodes { status organization { name } } } } }`;
const HEADERS = { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' };

interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: string;
  /** CPU time of this process (the server measured runs here; wrk does not) per request answered. */
  cpuMicrosPerRequest: number;
}

/**
 * Runs wrk with 8 connections on one thread; reads requests/s and the 99th percentile. Asynchronously:
 * the servers measured run in this process.
 */
async function wrk(url: string, seconds: number, script?: string): Promise<WrkResult> {
  const args = ['-t1', '-c8', `-d${seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(HEADERS)) args.push('-H', `${k}: ${v}`);
  if (script) args.push('-s', script);
  const cpuBefore = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) =>
    execFile('wrk', [...args, url], { encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const scale = { us: 0.001, ms: 1, s: 1000 } as const;
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    return match ? Number(match[1]) * scale[match[2] as keyof typeof scale] : NaN;
  };
  const errors = /Non-2xx or 3xx responses: \d+|Socket errors:.*/.exec(out)?.[0] ?? 'none';
  return {
    requestsPerSecond: rps,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    errors,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / requests,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  const distinct = Number(process.env.BENCH_DISTINCT ?? 3000);
  const env = { CACHE_MAX_MB: '4', ...process.env, NODE_ENV: 'production', QUERY_STATS: 'false' };
  const config = { ...loadConfig(env), port: 0, logLevel: 'info' as const };
  // the service's own log destination, into /dev/null
  const logger = pino({ level: 'info' }, logDestination('/dev/null'));
  const service = await startService(config, logger);
  const b0 = createServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
  try {
    const cache = service.responseCache;
    if (!cache) throw new Error('RESPONSE_CACHE is off: nothing to measure');
    const getUrl = `${service.url}?query=${encodeURIComponent(QUERY)}`;
    // fill the cache, and take the bytes a hit sends
    for (let i = 0; i < 2; i++) await (await fetch(getUrl, { headers: HEADERS })).arrayBuffer();
    const hit = await fetch(getUrl, { headers: HEADERS });
    const body = Buffer.from(await hit.arrayBuffer());
    if (hit.headers.get('x-cache') !== 'hit')
      throw new Error(`expected a hit, got ${hit.headers.get('x-cache')}`);
    const headers = Object.fromEntries(
      [...hit.headers].filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k)),
    );
    b0.on('request', (_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    const b0Url = `http://127.0.0.1:${await listen(b0)}/graphql?query=${encodeURIComponent(QUERY)}`;

    const postScript = path.join(tmp, 'post.lua');
    fs.writeFileSync(
      postScript,
      `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.body = ${JSON.stringify(JSON.stringify({ query: QUERY }))}\n`,
    );
    for (let i = 0; i < 2; i++)
      await fetch(service.url, {
        method: 'POST',
        headers: { ...HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });

    // warm-up, then rounds of B0, GET and POST one after the other: on a machine shared with other work,
    // each hit is compared with the B0 measured just before it, and the medians of the rounds are reported
    await wrk(b0Url, 1);
    await wrk(getUrl, 1);
    await wrk(service.url, 1, postScript);
    const runs: Record<'base' | 'get' | 'post', WrkResult[]> = { base: [], get: [], post: [] };
    for (let round = 0; round < rounds; round++) {
      runs.base.push(await wrk(b0Url, seconds));
      runs.get.push(await wrk(getUrl, seconds));
      runs.post.push(await wrk(service.url, seconds, postScript));
    }

    // many distinct queries, one answer of about 1-2 kB each: more than the byte bound holds
    // an alias makes each query text distinct; the page size varies what runs
    const pageQuery = (i: number) =>
      `{ query${i}: __typename countries(first: ${20 + (i % 30)}) { nodes { name iso2 aliases } } }`;
    const rssBefore = process.memoryUsage().rss;
    let sent = 0;
    const worker = async () => {
      while (sent < distinct) {
        const i = sent++;
        const request = () =>
          fetch(service.url, {
            method: 'POST',
            headers: { ...HEADERS, 'content-type': 'application/json' },
            body: JSON.stringify({ query: pageQuery(i) }),
          });
        // a kept-alive socket the server closed while wrk ran fails once: send again on a new one
        const res = await request().catch(request);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const size = cache.size();

    const row = (name: string, value: string, target: string) =>
      process.stdout.write(`${name.padEnd(44)} ${value.padStart(14)}   ${target}\n`);
    const of = (kind: keyof typeof runs, measure: (r: WrkResult) => number) => runs[kind].map(measure);
    // per round, a hit's figure over B0's in the same round
    const ratio = (kind: 'get' | 'post', measure: (r: WrkResult) => number) =>
      runs[kind].map((r, i) => measure(r) / measure(runs.base[i]!));
    const rps = (r: WrkResult) => r.requestsPerSecond;
    const cpu = (r: WrkResult) => r.cpuMicrosPerRequest;
    const rounds2 = (values: number[]) => `rounds ${values.map((v) => v.toFixed(2)).join(', ')}`;
    process.stdout.write(
      `wrk, 1 thread, 8 connections; ${rounds} rounds of B0, GET, POST, ${seconds} s each; medians over the rounds; answer ${body.length} bytes\n\n`,
    );
    row('measure', 'median', 'target');
    row('B0: plain node:http, same bytes (req/s)', median(of('base', rps)).toFixed(0), '');
    for (const [kind, name] of [
      ['get', 'GET'],
      ['post', 'POST'],
    ] as const)
      row(
        `cached ${name}, before express (req/s)`,
        median(of(kind, rps)).toFixed(0),
        `>= 0.4 of B0: ${median(ratio(kind, rps)).toFixed(2)} of B0 (${rounds2(ratio(kind, rps))})`,
      );
    const latency = (kind: keyof typeof runs) =>
      `${median(of(kind, (r) => r.p50Ms)).toFixed(2)} / ${median(of(kind, (r) => r.p99Ms)).toFixed(2)}`;
    const worstP99 = (kind: keyof typeof runs) => Math.max(...of(kind, (r) => r.p99Ms)).toFixed(2);
    row('B0 p50 / p99 (ms)', latency('base'), `worst p99 ${worstP99('base')}`);
    row('cached GET p50 / p99 (ms)', latency('get'), `p99 < 2; worst p99 ${worstP99('get')}`);
    row('cached POST p50 / p99 (ms)', latency('post'), `p99 < 2; worst p99 ${worstP99('post')}`);
    row('B0 CPU per request (µs)', median(of('base', cpu)).toFixed(1), '');
    for (const [kind, name] of [
      ['get', 'GET'],
      ['post', 'POST'],
    ] as const)
      row(
        `cached ${name} CPU per hit (µs)`,
        median(of(kind, cpu)).toFixed(1),
        `<= 1.6 x B0: ${median(ratio(kind, cpu)).toFixed(2)} x B0 (${rounds2(ratio(kind, cpu))})`,
      );
    row(
      `memory cache after ${distinct} distinct queries (bytes)`,
      String(size.bytes),
      `<= ${config.cache.maxBytes} (CACHE_MAX_MB=${config.cache.maxBytes / 1024 / 1024}): ${size.bytes <= config.cache.maxBytes ? 'within' : 'OVER'}`,
    );
    row(
      '  entries held / stored',
      `${size.entries} / ${cache.counts.stored}`,
      `<= ${config.cache.maxEntries}`,
    );
    row('  process RSS growth (MB)', ((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(1), '');
    row('hits / misses counted', `${cache.counts.hits} / ${cache.counts.misses}`, '');
    row('load average (1 min) at the end', os.loadavg()[0]!.toFixed(1), '');
    const errors = [...runs.base, ...runs.get, ...runs.post].map((r) => r.errors).filter((e) => e !== 'none');
    row('wrk errors (every run)', errors.length ? errors.join('; ') : 'none', 'none');
  } finally {
    b0.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? `${error.stack ?? error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error)}\n`,
  );
  process.exit(1);
});
