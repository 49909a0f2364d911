/**
 * Hits answered by the HTTP server's own listener, before express: a POST's body is read there and, on a
 * miss, put back for express to read as if nobody had; the data version is read again ahead of its bound.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { DataVersionReader } from '../../src/cache/data-version';
import { useTestService } from '../support/service';
import { cacheOn, post } from './support';

const api = useTestService({ ...cacheOn(), nodeEnv: 'production', queryStats: false });

// headers that belong to one response: the rest must be the same on a hit as on the miss it repeats
const PER_RESPONSE = new Set([
  'date',
  'x-request-id',
  'x-cache',
  'x-data-version',
  'connection',
  'keep-alive',
]);

const headersOf = (headers: Headers) =>
  Object.fromEntries([...headers].filter(([name]) => !PER_RESPONSE.has(name)));

/** Sends one POST over a raw socket, its body in the given pieces, one event-loop turn apart. */
async function postInPieces(url: string, pieces: string[]): Promise<{ status: number; text: string }> {
  const { hostname, port, pathname } = new URL(url);
  const body = pieces.join('');
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
      `accept: application/graphql-response+json\r\nconnection: close\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await closed;
  const raw = Buffer.concat(chunks).toString('utf8');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  return { status, text: raw.slice(raw.indexOf('\r\n\r\n') + 4) };
}

describe('Cache: POST hits in front of express', () => {
  it('a hit carries every header and byte the miss carried, and the request id it was given', async () => {
    const query = '{ country(name: "azerbaijan") { name iso2 } }';
    const miss = await post(api.url, { query }, { origin: 'https://example.org' });
    expect(miss.headers.get('x-cache')).toBe('miss');
    const hit = await post(api.url, { query }, { origin: 'https://example.org', 'x-request-id': 'front-1' });
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(hit.headers.get('x-request-id')).toBe('front-1');
    expect(hit.headers.get('x-data-version')).toMatch(/^\d+$/);
    expect(headersOf(hit.headers)).toEqual(headersOf(miss.headers));
    expect(hit.text).toBe(miss.text);
    expect(hit.body.data).toEqual({ country: { name: 'Azerbaijan', iso2: 'AZ' } });

    const notModified = await post(
      api.url,
      { query },
      {
        origin: 'https://example.org',
        'if-none-match': hit.headers.get('etag')!,
      },
    );
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('content-type')).toBeNull();
  });

  it('a miss reaches GraphQL with its whole body, however the body arrives', async () => {
    const body = JSON.stringify({ query: '{ country(name: "atlantis") { iso2 } }' });
    const pieces = [body.slice(0, 5), body.slice(5, 20), body.slice(20)];
    const first = await postInPieces(api.url, pieces);
    expect(first.status).toBe(200);
    expect((JSON.parse(first.text) as { data: unknown }).data).toEqual({ country: null });
    const second = await postInPieces(api.url, pieces);
    expect(second).toEqual(first);
  });

  it('malformed JSON and a wrong persisted-query hash get the answers express gives, hit or not', async () => {
    const query = '{ country(name: "turkey") { iso2 } }';
    await post(api.url, { query });
    expect((await post(api.url, { query })).headers.get('x-cache')).toBe('hit');

    const wrongHash = await post(api.url, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');

    const hash = createHash('sha256').update(query).digest('hex');
    const withHash = await post(api.url, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(withHash.body.data).toEqual({ country: { iso2: 'TR' } });

    const broken = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: '{"query": "{ country(name: \\"turkey\\") { iso2 } }"',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      'The request body is not valid JSON.',
    );
  });
});

/** The sum of a metric's samples at /metrics. */
async function metricTotal(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) total += Number(line.split(' ').pop());
  return total;
}

describe('Cache: hits when the data version is due to be read again', () => {
  const everyRequest = useTestService({ ...cacheOn({ versionCheckMs: 0 }), nodeEnv: 'production' });

  it('are still answered before express, after the read (counted as hits, not as express requests)', async () => {
    const query = '{ country(name: "kazakhstan") { iso2 } }';
    expect((await post(everyRequest.url, { query })).headers.get('x-cache')).toBe('miss');
    const origin = everyRequest.origin;
    const [requests, hits] = await Promise.all([
      metricTotal(origin, 'graphql_requests_total'),
      metricTotal(origin, 'graphql_response_cache_hits_total'),
    ]);
    for (let i = 0; i < 3; i += 1) {
      const hit = await post(everyRequest.url, { query });
      expect(hit.headers.get('x-cache')).toBe('hit');
      expect(hit.body.data).toEqual({ country: { iso2: 'KZ' } });
    }
    expect(await metricTotal(origin, 'graphql_response_cache_hits_total')).toBe(hits + 3);
    expect(await metricTotal(origin, 'graphql_requests_total')).toBe(requests);
  });
});

describe('Cache: the data version read ahead of its bound', () => {
  it('past half the bound a request starts one read and keeps the value; past the bound it has none', async () => {
    const dataSource = api.service.database.dataSource;
    let statements = 0;
    const query = dataSource.query.bind(dataSource);
    const counting = Object.create(dataSource) as typeof dataSource;
    counting.query = ((...args: Parameters<typeof query>) => {
      statements += 1;
      return query(...args);
    }) as typeof query;
    const reader = new DataVersionReader(counting, 60_000);
    expect(reader.current()).toBeUndefined();
    const version = await reader.read();
    const readAt = Date.now();
    expect(statements).toBe(1);

    expect(reader.current(readAt + 1_000)).toBe(version);
    expect(statements).toBe(1);
    // past half the bound: the value still serves, and one read starts, shared by every later request
    expect(reader.current(readAt + 40_000)).toBe(version);
    expect(reader.current(readAt + 40_001)).toBe(version);
    expect(statements).toBe(2);
    // past the bound nothing is served from the old read, whatever is under way
    expect(reader.current(readAt + 61_000 + (Date.now() - readAt))).toBeUndefined();
  });
});
