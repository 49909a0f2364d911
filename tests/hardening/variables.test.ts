/**
 * Hardening: variables. Oversized variables are refused before any work (keys, list items, nesting), the
 * rest are coerced once with a cap on errors, and every error names the variable's path and the problem,
 * never the whole value: one request must not stall the process.
 */
import { JSON_HEADERS, outcome, postGraphQL, send, type RawReply } from '../support/raw-http';
import { useTestService } from '../support/service';

const api = useTestService();

const BY_FILTER = 'query($filter: CountryFilter) { countries(filter: $filter, first: 1) { totalCount } }';
const BY_IDS = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

const unknownKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`bogus${i}`, i]));

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `n` distinct keys as short as they can be, so that 12,794 of them fit in a 99 kB body. */
function compactKeys(n: number): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0, length = 1; Object.keys(keys).length < n; length++) {
    const count = ALPHABET.length ** length;
    for (let j = 0; j < count && i < n; j++, i++) {
      let key = '';
      for (let k = 0, rest = j; k < length; k++, rest = Math.floor(rest / ALPHABET.length))
        key += ALPHABET[rest % ALPHABET.length];
      keys[key] = 0;
    }
  }
  return keys;
}

/** Every error is BAD_USER_INPUT, and the request id of the response. */
function expectBadVariables(reply: RawReply): void {
  expect(outcome(reply)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
  const id = reply.headers.get('x-request-id');
  for (const error of reply.body.errors!) expect(error.extensions!.requestId).toBe(id);
  expect(reply.body.data).toBeUndefined();
}

describe('Hardening: oversized variables are refused before any work', () => {
  it('refuses 12,794 unknown keys in a CountryFilter with one short 400, while /healthz still answers', async () => {
    const body = JSON.stringify({ query: BY_FILTER, variables: { filter: compactKeys(12_794) } });
    expect(body.length).toBeGreaterThan(98_000);
    expect(body.length).toBeLessThan(100_000);
    const huge = send(api.url, { method: 'POST', headers: JSON_HEADERS, body });
    const health = send(`${api.origin}/healthz`);
    const [reply, healthz] = await Promise.all([huge, health]);
    expectBadVariables(reply);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(/more than 1000 keys.*\$filter/);
    expect(reply.bytes).toBeLessThan(1_000);
    expect(healthz.status).toBe(200);
    expect(healthz.body).toEqual({ status: 'ok' });
  });

  it('refuses more than 1000 list items, naming the list', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `id${i}`);
    const reply = await postGraphQL(api.url, { query: BY_IDS, variables: { ids } });
    expectBadVariables(reply);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(/more than 1000 list items.*\$ids/);
  });

  it('refuses nesting deeper than 10, naming where', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 11; i++) deep = [deep];
    const reply = await postGraphQL(api.url, { query: BY_IDS, variables: { ids: deep } });
    expectBadVariables(reply);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(/nested more than 10 levels deep.*\$ids\[0\]/);
  });

  it('applies the same limits to variables sent over GET', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 11; i++) deep = [deep];
    const variables = encodeURIComponent(JSON.stringify({ ids: deep }));
    const reply = await send(`${api.url}?query=${encodeURIComponent(BY_IDS)}&variables=${variables}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expectBadVariables(reply);
    expect(reply.body.errors![0]!.message).toMatch(/nested more than 10 levels deep/);
  });
});

describe('Hardening: variable errors are capped and short', () => {
  it('answers 999 unknown keys with at most 51 short BAD_USER_INPUT errors naming each path', async () => {
    const reply = await postGraphQL(api.url, { query: BY_FILTER, variables: { filter: unknownKeys(999) } });
    expectBadVariables(reply);
    const errors = reply.body.errors!;
    expect(errors).toHaveLength(51);
    expect(errors[0]!.message).toMatch(
      /^Variable "\$filter" got invalid value: Field "bogus0" is not defined by type "CountryFilter"\./,
    );
    for (const error of errors) expect(error.message.length).toBeLessThan(300);
    expect(errors[50]!.message).toMatch(/Too many errors in the variables: stopped after 50/);
    expect(reply.bytes).toBeLessThan(20_000);
  });

  it('makes the 51st error of a list BAD_USER_INPUT too', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => ({ not: `an id ${i}` }));
    const reply = await postGraphQL(api.url, { query: BY_IDS, variables: { ids } });
    expectBadVariables(reply);
    expect(reply.body.errors).toHaveLength(51);
    expect(reply.body.errors![49]!.message).toMatch(
      /^Variable "\$ids" got invalid value at "ids\[49\]": ID cannot/,
    );
  });

  it('does not print a large value in its message', async () => {
    const value = { long: 'y'.repeat(5_000), more: unknownKeys(20) };
    const reply = await postGraphQL(api.url, {
      query: 'query($name: String!) { country(name: $name) { name } }',
      variables: { name: value },
    });
    expectBadVariables(reply);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(/^Variable "\$name" got invalid value: String cannot/);
    expect(reply.body.errors![0]!.message.length).toBeLessThan(300);
  });

  it('still runs an operation whose variables are valid, and costs it from them', async () => {
    const reply = await postGraphQL(api.url, {
      query: 'query($n: Int) { countries(first: $n) { nodes { name } } }',
      variables: { n: 7 },
    });
    expect(outcome(reply)).toEqual({ status: 200, codes: [] });
    expect(reply.body.data!.countries.nodes).toHaveLength(7);
    expect(reply.body.extensions!.cost.requested).toBe(1 + 7 * 2);
  });
});
