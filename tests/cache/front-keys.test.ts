/**
 * The front listener keys a request by its raw text and remembers the key: a request spelled differently
 * still finds the entry its meaning is stored under, a request left to express is left to it every time,
 * and a hit's access-log line says what every access-log line says, without the query text.
 */
import pino from 'pino';
import { Writable } from 'node:stream';
import type { RunningService } from '../../src/service';
import { testConfig } from '../support/service';
import { cacheOn, get } from './support';

/** The log lines the service wrote, parsed. */
const lines: Record<string, any>[] = [];
let service: RunningService;

beforeAll(async () => {
  const { startService } = await import('../../src/service');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = testConfig({ ...cacheOn(), nodeEnv: 'production', queryStats: false, logLevel: 'info' });
  service = await startService(config, pino({ level: 'info' }, sink));
});
afterAll(() => service?.stop());

/** Requests express answered (hits before express are not among them). */
async function expressRequests(): Promise<number> {
  const text = await (await fetch(service.url.replace(/graphql$/, 'metrics'))).text();
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('graphql_requests_total{')) total += Number(line.split(' ').pop());
  return total;
}

/** Sends a POST with the body exactly as given. */
async function postRaw(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });
  return { status: res.status, cache: res.headers.get('x-cache'), body: (await res.json()) as any };
}

describe('Cache: keys of requests answered before express', () => {
  it('finds the entry of a POST spelled differently, and keeps apart other variables and media types', async () => {
    const query = 'query Country($name: String!) { country(name: $name) { iso2 } }';
    const first = await postRaw(JSON.stringify({ query, variables: { name: 'georgia' } }));
    expect(first.cache).toBe('miss');
    expect(first.body.data).toEqual({ country: { iso2: 'GE' } });

    // other spacing and another order of the parameters: the same request
    const respelled = `{ "variables" : {"name":"georgia"},\n  "query": ${JSON.stringify(query)} }`;
    for (let i = 0; i < 2; i += 1) {
      const again = await postRaw(respelled);
      expect(again.cache).toBe('hit');
      expect(again.body).toEqual(first.body);
    }

    const other = await postRaw(JSON.stringify({ query, variables: { name: 'armenia' } }));
    expect(other.cache).toBe('miss');
    expect(other.body.data).toEqual({ country: { iso2: 'AM' } });

    const json = await postRaw(JSON.stringify({ query, variables: { name: 'georgia' } }), {
      accept: 'application/json',
    });
    expect(json.cache).toBe('miss');
  });

  it('leaves a request to express every time it cannot answer it itself', async () => {
    const query = '{ country(name: "turkey") { iso2 } }';
    const wrongHash = JSON.stringify({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    const unknownParameter = JSON.stringify({ query, unknown: true });
    await postRaw(JSON.stringify({ query }));
    const before = await expressRequests();
    for (let i = 0; i < 2; i += 1) {
      const refused = await postRaw(wrongHash);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      // the middleware finds the answer under the same key: a hit, but through express
      expect((await postRaw(unknownParameter)).cache).toBe('hit');
      expect((await postRaw(JSON.stringify({ query }))).cache).toBe('hit');
    }
    // express counted the four it answered, not the two the front did
    expect(await expressRequests()).toBe(before + 4);
  });

  it('logs a hit as express logs any request: its id, method, path and status, not its query text', async () => {
    const query = '{ country(name: "uzbekistan") { iso2 } }';
    await get(service.url, { query });
    const hit = await get(
      service.url,
      { query },
      { 'apollo-require-preflight': 'true', 'x-request-id': 'log-get-1' },
    );
    expect(hit.headers.get('x-cache')).toBe('hit');
    await postRaw(JSON.stringify({ query }));
    expect((await postRaw(JSON.stringify({ query }), { 'x-request-id': 'log-post-1' })).cache).toBe('hit');

    // the log is written asynchronously: wait for both lines
    const logged = async (id: string) => {
      for (let i = 0; i < 100; i += 1) {
        const line = lines.find((l) => l.req?.id === id);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no log line for the request ${id}`);
    };
    const queryString = new URLSearchParams({ query }).toString();
    expect(await logged('log-get-1')).toMatchObject({
      level: 30,
      cache: 'hit',
      msg: 'request completed',
      req: { id: 'log-get-1', method: 'GET', path: '/graphql', queryStringBytes: queryString.length },
      res: { statusCode: 200 },
    });
    expect(await logged('log-post-1')).toMatchObject({
      cache: 'hit',
      req: { id: 'log-post-1', method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    for (const id of ['log-get-1', 'log-post-1'])
      expect(JSON.stringify(await logged(id))).not.toMatch(/uzbekistan/i);
  });
});
