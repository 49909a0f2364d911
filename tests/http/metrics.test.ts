/**
 * Observability through the public surface: Prometheus metrics at /metrics, and the request log line
 * (request id, operation, duration, SQL statements, cost, error codes; never the query text, the
 * variables or a GET query string).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startService, type RunningService } from '../../src/service';
import { testConfig } from '../support/service';

let service: RunningService;
let origin: string;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  service = await startService(testConfig({ logLevel: 'info' }), pino({ level: 'info' }, sink));
  origin = service.url.replace(/\/graphql$/, '');
});
afterAll(() => service.stop());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The request log lines (those with a status), waiting briefly for the line of the last response. */
async function requestLines(count: number): Promise<Record<string, any>[]> {
  for (let i = 0; i < 100; i++) {
    const found = lines.filter((l) => l.res?.statusCode !== undefined);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return lines.filter((l) => l.res?.statusCode !== undefined);
}

/** The value of one sample of the metrics text, e.g. `graphql_requests_total{operation="X",status="200"}`. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('Observability: metrics and the request log line', () => {
  let metricsText: string;
  let ids: string[];

  beforeAll(async () => {
    const responses = [
      await post({ query: 'query CountryName { country(name: "Kazakhstan") { name } }' }),
      await post({ query: 'query CountryName { country(name: "Türkiye") { name } }' }),
      await fetch(
        `${service.url}?query=${encodeURIComponent('query Secret { country(name: "Kazakhstan") { iso2 } }')}&operationName=Secret`,
        { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } },
      ),
      await post({ query: '{ country(name: "Kazakhstan") { name ' }),
      await fetch(service.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      await post({ query: 'query Bad($n: String!) { country(name: $n) { name } }', variables: { n: 5 } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 400, 415, 400]);
    ids = responses.map((r) => r.headers.get('x-request-id')!);
    for (const r of responses) await r.arrayBuffer();
    const res = await fetch(`${origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    metricsText = await res.text();
  });

  it('counts requests by operation name and status, and times them', () => {
    expect(sample(metricsText, 'graphql_requests_total{operation="CountryName",status="200"}')).toBe(2);
    expect(sample(metricsText, 'graphql_requests_total{operation="Secret",status="200"}')).toBe(1);
    expect(sample(metricsText, 'graphql_requests_total{operation="anonymous",status="400"}')).toBe(1);
    expect(sample(metricsText, 'graphql_requests_total{operation="anonymous",status="415"}')).toBe(1);
    expect(sample(metricsText, 'graphql_request_duration_seconds_count{operation="CountryName"}')).toBe(2);
  });

  it('counts errors by code, those answered before GraphQL ran included', () => {
    expect(sample(metricsText, 'graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}')).toBe(1);
    expect(sample(metricsText, 'graphql_errors_total{code="BAD_REQUEST"}')).toBe(1);
    expect(sample(metricsText, 'graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
  });

  it('observes SQL statements per request, the pool, shed requests, cache hits and misses, the process', () => {
    // every request that reached GraphQL (the 415 was refused at the door)
    expect(sample(metricsText, 'graphql_request_sql_statements_count')).toBe(5);
    expect(sample(metricsText, 'graphql_request_sql_statements_sum')).toBeGreaterThanOrEqual(3);
    expect(sample(metricsText, 'db_pool_connections{state="in_use"}')).toBe(0);
    expect(sample(metricsText, 'db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metricsText, 'db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(metricsText, 'graphql_requests_shed_total')).toBe(0);
    expect(sample(metricsText, 'graphql_response_cache_hits_total')).toBe(0);
    expect(sample(metricsText, 'graphql_response_cache_misses_total')).toBe(0);
    expect(sample(metricsText, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(metricsText, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('logs one line per request with its id, operation, duration, SQL statements and cost', async () => {
    const logged = await requestLines(6);
    const graphql = logged.filter((l) => ids.includes(l.req.id));
    expect(graphql.map((l) => l.req.id)).toEqual(ids);
    const [first] = graphql;
    expect(first).toMatchObject({
      level: 30,
      req: { id: ids[0], method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
      operation: 'CountryName',
      cost: expect.any(Number),
    });
    expect(first!.durationMs).toEqual(expect.any(Number));
    expect(first!.sqlStatements).toBeGreaterThanOrEqual(1);
  });

  it('logs 4xx at info with their error codes', async () => {
    const logged = (await requestLines(6)).filter((l) => ids.includes(l.req.id));
    expect(logged.slice(3).map((l) => [l.level, l.res.statusCode, l.errors])).toEqual([
      [30, 400, ['GRAPHQL_PARSE_FAILED']],
      [30, 415, ['BAD_REQUEST']],
      [30, 400, ['BAD_USER_INPUT']],
    ]);
  });

  it('never logs query text, variables or a GET query string', async () => {
    const logged = (await requestLines(6)).filter((l) => ids.includes(l.req.id));
    const text = JSON.stringify(logged);
    expect(text).not.toMatch(/Kazakhstan|Türkiye|country\(|iso2|query=/);
    expect(logged[2]).toMatchObject({
      req: { method: 'GET', path: '/graphql', queryStringBytes: expect.any(Number) },
      operation: 'Secret',
    });
    expect(logged[2]!.req.url).toBeUndefined();
  });
});
