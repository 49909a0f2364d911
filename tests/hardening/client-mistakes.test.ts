/**
 * Hardening: a client's mistakes are answered as such (400 with a code naming the mistake), never as an
 * internal error: operations this query-only schema does not have, and persisted queries sent wrong.
 */
import { createHash } from 'node:crypto';
import { outcome, postGraphQL, send } from '../support/raw-http';
import { useTestService } from '../support/service';

const api = useTestService();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash: hash } });
const GET_HEADERS = { accept: 'application/json', 'apollo-require-preflight': 'true' };

/** A GET request with the given parameters, JSON ones encoded. */
function get(parameters: Record<string, unknown>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters))
    search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  return send(`${api.url}?${search}`, { headers: GET_HEADERS });
}

describe('Hardening: operations the schema does not have', () => {
  it.each([
    ['a mutation', 'mutation { __typename }'],
    ['a named mutation', 'mutation Change { countries { totalCount } }'],
    ['a subscription', 'subscription { __typename }'],
  ])('answers %s over POST with 400 GRAPHQL_VALIDATION_FAILED', async (_what, query) => {
    const reply = await postGraphQL(api.url, { query });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(
      /has no (mutation|subscription)s: it answers queries only/,
    );
    expect(reply.body.data).toBeUndefined();
  });

  it('picks the query out of a document that also holds a mutation', async () => {
    const reply = await postGraphQL(api.url, {
      query: 'query Q { __typename } mutation M { __typename }',
      operationName: 'Q',
    });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
  });
});

describe('Hardening: persisted queries', () => {
  const QUERY = '{ country(iso2: "KZ") { iso2 } }';

  it('registers and then runs a query by its hash, over POST and over GET', async () => {
    const first = await postGraphQL(api.url, { extensions: persisted(sha256(QUERY)) });
    expect(outcome(first)).toEqual({ status: 200, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
    const register = await postGraphQL(api.url, { query: QUERY, extensions: persisted(sha256(QUERY)) });
    expect(outcome(register)).toEqual({ status: 200, codes: [] });
    const byPost = await postGraphQL(api.url, { extensions: persisted(sha256(QUERY)) });
    expect(outcome(byPost)).toEqual({ status: 200, codes: [] });
    expect(byPost.body.data).toEqual({ country: { iso2: 'KZ' } });
    const byGet = await get({ extensions: persisted(sha256(QUERY)) });
    expect(outcome(byGet)).toEqual({ status: 200, codes: [] });
    expect(byGet.body.data).toEqual({ country: { iso2: 'KZ' } });
  });

  it('answers a hash that does not match the query with 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    for (const reply of [
      await postGraphQL(api.url, { query: QUERY, extensions: persisted(sha256('{ __typename }')) }),
      await postGraphQL(api.url, { query: QUERY, extensions: persisted('not a hash') }),
      await get({ query: QUERY, extensions: persisted(sha256('{ __typename }')) }),
    ]) {
      expect(outcome(reply)).toEqual({ status: 400, codes: ['PERSISTED_QUERY_HASH_MISMATCH'] });
      expect(reply.body.errors).toHaveLength(1);
      expect(reply.body.errors![0]!.message).toMatch(/sha256Hash does not match the query/);
    }
  });

  it.each([2, 0, '1', null])(
    'answers persisted query version %j with 400 PERSISTED_QUERY_NOT_SUPPORTED',
    async (version) => {
      const post = await postGraphQL(api.url, {
        query: QUERY,
        extensions: persisted(sha256(QUERY), version),
      });
      const viaGet = await get({ query: QUERY, extensions: persisted(sha256(QUERY), version) });
      for (const reply of [post, viaGet]) {
        expect(outcome(reply)).toEqual({ status: 400, codes: ['PERSISTED_QUERY_NOT_SUPPORTED'] });
        expect(reply.body.errors![0]!.message).toMatch(/version 1/);
      }
    },
  );

  it('answers a persisted query without a usable hash with 400 BAD_REQUEST', async () => {
    for (const persistedQuery of [{ version: 1 }, { version: 1, sha256Hash: 42 }, 'yes']) {
      const reply = await postGraphQL(api.url, { query: QUERY, extensions: { persistedQuery } });
      expect(outcome(reply)).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
    }
  });
});
