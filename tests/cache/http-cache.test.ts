/** HTTP caching of answers: Cache-Control per kind of answer, hits and misses, ETags and 304, APQ over GET. */
import { createHash } from 'node:crypto';
import { startTestService, useTestService } from '../support/service';
import { cacheOn, get, post } from './support';

const api = useTestService(cacheOn());

const TURKEY = '{ country(name: "turkey") { name iso2 } }';
const OUR_ETAG = /^"\d+-[A-Za-z0-9_-]{43}"$/;

describe('Cache: public data', () => {
  it('is public for CACHE_MAX_AGE, varies by Accept, and is served again without a statement', async () => {
    const first = await post(api.url, { query: TURKEY });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ country: { name: 'Türkiye', iso2: 'TR' } });
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    expect(first.headers.get('vary')).toMatch(/accept/i);
    expect(first.headers.get('x-cache')).toBe('miss');
    expect(first.headers.get('etag')).toMatch(OUR_ETAG);
    expect(first.body.extensions!.stats.sqlStatements).toBeGreaterThan(0);

    const second = await post(api.url, { query: TURKEY });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('cache-control')).toBe('max-age=60, public');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions!.cost).toEqual(first.body.extensions!.cost);
    expect(second.body.extensions!.stats.sqlStatements).toBe(0);
  });

  it('keys on the variables and the Accept header', async () => {
    const query = 'query ($name: String) { country(name: $name) { iso2 } }';
    const kz = await post(api.url, { query, variables: { name: 'kazakhstan' } });
    const tr = await post(api.url, { query, variables: { name: 'turkey' } });
    expect([kz.headers.get('x-cache'), tr.headers.get('x-cache')]).toEqual(['miss', 'miss']);
    expect(tr.body.data).toEqual({ country: { iso2: 'TR' } });
    const json = await post(
      api.url,
      { query, variables: { name: 'turkey' } },
      { accept: 'application/json' },
    );
    expect(json.headers.get('x-cache')).toBe('miss');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const again = await post(
      api.url,
      { query, variables: { name: 'turkey' } },
      { accept: 'application/json' },
    );
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('Cache: answers that are never cached', () => {
  it('an answer with an error is no-store and runs again when asked again', async () => {
    const query = '{ country(name: "turkey", iso2: "TR") { name } }';
    for (let i = 0; i < 2; i += 1) {
      const res = await post(api.url, { query });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-cache')).toBe('miss');
      expect(res.headers.get('etag') ?? '').not.toMatch(OUR_ETAG);
    }
  });

  it('introspection is no-store and runs again when asked again', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ _service { sdl } }']) {
      for (let i = 0; i < 2; i += 1) {
        const res = await post(api.url, { query });
        expect(res.status).toBe(200);
        expect(res.body.errors).toBeUndefined();
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-cache')).toBe('miss');
      }
    }
  });

  it('a GET Apollo refuses as a possible CSRF stays refused after the same query is cached', async () => {
    const query = '{ country(name: "georgia") { iso2 } }';
    expect((await get(api.url, { query })).status).toBe(200);
    expect((await get(api.url, { query })).headers.get('x-cache')).toBe('hit');
    const bare = await get(api.url, { query }, {});
    expect(bare.status).toBe(400);
    expect(bare.text).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('Cache: conditional requests', () => {
  it('answers a matching If-None-Match with 304 and no body; another ETag gets the answer', async () => {
    const query = '{ country(name: "azerbaijan") { name } }';
    const first = await get(api.url, { query });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(OUR_ETAG);

    const notModified = await get(
      api.url,
      { query },
      { 'apollo-require-preflight': 'true', 'if-none-match': etag },
    );
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe('max-age=60, public');

    const other = await get(
      api.url,
      { query },
      { 'apollo-require-preflight': 'true', 'if-none-match': '"1-other"' },
    );
    expect(other.status).toBe(200);
    expect(other.headers.get('x-cache')).toBe('hit');
    expect(other.body.data).toEqual(first.body.data);
  });
});

describe('Cache: automatic persisted queries over GET', () => {
  it('registers a query by its hash, then answers and caches the hash alone', async () => {
    const query = '{ country(name: "armenia") { name iso2 } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const unknown = await get(api.url, { extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Apollo's own answer to an unknown hash: no cache may keep it
    expect(unknown.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');

    const registered = await get(api.url, { query, extensions });
    expect(registered.body.data).toEqual({ country: { name: 'Armenia', iso2: 'AM' } });

    const byHash = await get(api.url, { extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(byHash.headers.get('cache-control')).toBe('max-age=60, public');
    expect(byHash.headers.get('x-cache')).toBe('miss');
    const again = await get(api.url, { extensions });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body.extensions!.stats.sqlStatements).toBe(0);
  });
});

describe('Cache: bounds', () => {
  it('keeps within its byte and entry bounds under many distinct queries', async () => {
    const maxBytes = 24_000;
    const small = await startTestService(cacheOn({ maxBytes, maxEntries: 1000 }));
    try {
      for (let first = 1; first <= 40; first += 1) {
        const res = await post(small.url, {
          query: `{ countries(first: ${first}) { nodes { name iso2 } } }`,
        });
        expect(res.headers.get('x-cache')).toBe('miss');
      }
      const { entries, bytes } = small.service.responseCache!.size();
      expect(bytes).toBeLessThanOrEqual(maxBytes);
      expect(entries).toBeGreaterThan(0);
      expect(entries).toBeLessThan(40);
      expect(small.service.responseCache!.counts.stored).toBe(40);
    } finally {
      await small.stop();
    }
  });
});

describe('Cache: metrics', () => {
  const counters = async () => {
    const text = await (await fetch(`${api.origin}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    return {
      hits: value('graphql_response_cache_hits_total'),
      misses: value('graphql_response_cache_misses_total'),
    };
  };

  it('counts each hit and miss on /metrics', async () => {
    const before = await counters();
    const query = '{ country(name: "kazakhstan") { iso2 capital } }';
    const answers = [
      await post(api.url, { query }),
      await post(api.url, { query }),
      await post(api.url, { query }),
    ];
    expect(answers.map((a) => a.headers.get('x-cache'))).toEqual(['miss', 'hit', 'hit']);
    expect(await counters()).toEqual({ hits: before.hits + 2, misses: before.misses + 1 });
  });
});
