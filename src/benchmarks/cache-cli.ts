/**
 * `npm run bench:cache`: the response cache against its targets, with wrk (a native load generator).
 * Starts the service (on DATABASE_URL, or its private database) with production settings and a log line
 * per request written to /dev/null, then measures:
 *
 * - B0: a plain node:http server answering the same bytes and headers as a cached answer;
 * - cached GET and cached POST (both served before express): requests per second beside
 *   B0 (target: at least 0.4 of B0), and p99 latency at 8 connections (target: under 2 ms);
 * - the in-memory cache under many distinct queries: its bytes beside its bound (target: within it).
 *
 * Numbers, not assertions. Settings: BENCH_SECONDS (default 5), BENCH_DISTINCT (default 3000),
 * CACHE_MAX_MB (the bound measured, default 4 here).
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

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
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

    await wrk(b0Url, 1); // warm-up
    const base = await wrk(b0Url, seconds);
    await wrk(getUrl, 1);
    const cachedGet = await wrk(getUrl, seconds);
    const cachedPost = await wrk(service.url, seconds, postScript);

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
    process.stdout.write(`wrk, 1 thread, 8 connections, ${seconds} s each; answer ${body.length} bytes\n\n`);
    row('measure', 'value', 'target');
    row('B0: plain node:http, same bytes (req/s)', base.requestsPerSecond.toFixed(0), '');
    row(
      'cached GET, before express (req/s)',
      cachedGet.requestsPerSecond.toFixed(0),
      `>= ${(0.4 * base.requestsPerSecond).toFixed(0)} (0.4 of B0): ${(cachedGet.requestsPerSecond / base.requestsPerSecond).toFixed(2)} of B0`,
    );
    row(
      'cached POST, before express (req/s)',
      cachedPost.requestsPerSecond.toFixed(0),
      `${(cachedPost.requestsPerSecond / base.requestsPerSecond).toFixed(2)} of B0`,
    );
    row('B0 p50 / p99 (ms)', `${base.p50Ms.toFixed(2)} / ${base.p99Ms.toFixed(2)}`, '');
    row(
      'cached GET p50 / p99 (ms)',
      `${cachedGet.p50Ms.toFixed(2)} / ${cachedGet.p99Ms.toFixed(2)}`,
      'p99 < 2',
    );
    row(
      'cached POST p50 / p99 (ms)',
      `${cachedPost.p50Ms.toFixed(2)} / ${cachedPost.p99Ms.toFixed(2)}`,
      'p99 < 2',
    );
    row('B0 CPU per request (µs)', base.cpuMicrosPerRequest.toFixed(1), '');
    row(
      'cached GET CPU per hit (µs)',
      cachedGet.cpuMicrosPerRequest.toFixed(1),
      `${(cachedGet.cpuMicrosPerRequest / base.cpuMicrosPerRequest).toFixed(2)} x B0`,
    );
    row(
      'cached POST CPU per hit (µs)',
      cachedPost.cpuMicrosPerRequest.toFixed(1),
      `${(cachedPost.cpuMicrosPerRequest / base.cpuMicrosPerRequest).toFixed(2)} x B0`,
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
    row('wrk errors (B0, GET, POST)', `${base.errors}, ${cachedGet.errors}, ${cachedPost.errors}`, 'none');
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
