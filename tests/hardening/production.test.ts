/**
 * Hardening in production: no introspection unless INTROSPECTION says so, no field suggestions, no stack,
 * path, host or port in any answer, internal errors masked, and request ids echoed or generated.
 */
import { Database } from '../../src/db/database';
import { ROOT, testState } from '../support/environment';
import { startTestService, type TestService } from '../support/service';

interface Reply {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any> }[];
    extensions?: Record<string, any>;
  };
  text: string;
}

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

async function send(url: string, init: RequestInit): Promise<Reply> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let body: Reply['body'] = {};
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    // kept as text
  }
  return { status: res.status, headers: res.headers, body, text };
}

function post(url: string, query: string, variables?: Record<string, unknown>, headers = {}): Promise<Reply> {
  return send(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';

describe('Hardening: production', () => {
  let api: TestService;
  beforeAll(async () => {
    api = await startTestService({ nodeEnv: 'production', introspection: false, queryStats: false });
  });
  afterAll(() => api.stop());

  it('refuses introspection', async () => {
    for (const query of [INTROSPECTION, '{ __type(name: "Country") { name fields { name } } }']) {
      const reply = await post(api.url, query);
      expect(reply.status).toBe(400);
      expect(reply.body.data).toBeUndefined();
      expect(reply.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(reply.body.errors![0]!.message).toMatch(/introspection/i);
    }
  });

  it('suggests no field, argument or type names for misspellings', async () => {
    for (const query of [
      '{ countriez { totalCount } }',
      '{ countries(frist: 1) { totalCount } }',
      '{ countries { totalCont } }',
      'query($f: CountryFiltr) { countries(filter: $f) { totalCount } }',
    ]) {
      const reply = await post(api.url, query);
      expect(reply.status).toBe(400);
      expect(reply.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(reply.text).not.toMatch(/Did you mean/i);
    }
  });

  it('leaks no stack, path, host or database port in any refusal', async () => {
    const { port } = testState();
    const url = api.url;
    const raw = (body: string, type = 'application/json') =>
      send(url, { method: 'POST', headers: { ...JSON_HEADERS, 'content-type': type }, body });
    const repeat = (n: number, s: string) => Array.from({ length: n }, () => s).join(' ');
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 12; i++) fragments.push(`fragment F${i} on Query { ${repeat(10, `...F${i - 1}`)} }`);
    let deep = 'title';
    for (let i = 0; i < 5; i++) deep = `citations(first: 1) { nodes { document { ${deep} } } }`;
    const cases: [string, () => Promise<Reply>][] = [
      ['malformed JSON', () => raw('{"query": ')],
      ['empty body', () => raw('')],
      ['query not a string', () => raw(JSON.stringify({ query: 42 }))],
      ['syntax error', () => post(url, '{ countries { ')],
      ['too many tokens', () => post(url, `{ ${repeat(2001, '__typename')} }`)],
      ['text/plain', () => raw(JSON.stringify({ query: '{ __typename }' }), 'text/plain')],
      ['form', () => raw('query=%7B__typename%7D', 'application/x-www-form-urlencoded')],
      ['charset', () => raw(JSON.stringify({ query: '{ __typename }' }), 'application/json; charset=latin1')],
      [
        'mutation over GET',
        () =>
          send(`${url}?query=${encodeURIComponent('mutation { __typename }')}`, {
            headers: { 'apollo-require-preflight': 'true' },
          }),
      ],
      ['plain GET (CSRF prevention)', () => send(`${url}?query=${encodeURIComponent('{ __typename }')}`, {})],
      ['PUT', () => send(url, { method: 'PUT', headers: JSON_HEADERS, body: '{}' })],
      ['batch', () => raw(JSON.stringify([{ query: '{ __typename }' }]))],
      ['too deep', () => post(url, `{ documents(first: 1) { nodes { ${deep} } } }`)],
      [
        'aliases',
        () => post(url, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
      ],
      ['fields', () => post(url, `{ ${repeat(500, '__typename')} }`)],
      ['directives', () => post(url, `{ ${repeat(51, '__typename @include(if: true)')} }`)],
      ['unknown directive', () => post(url, '{ __typename @unknown }')],
      [
        'circular fragments',
        () => post(url, '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      ],
      ['fragment bomb', () => post(url, `{ ...F12 } ${fragments.join(' ')}`)],
      [
        'cost',
        () =>
          post(
            url,
            '{ countries(first: 100000) { nodes { memberships(first: 100000) { nodes { organization { members(first: 100000) { totalCount } } } } } } }',
          ),
      ],
      [
        'wrong variable type',
        () => post(url, 'query($n: String!) { country(name: $n) { name } }', { n: 42 }),
      ],
      ['missing variable', () => post(url, 'query($n: String!) { country(name: $n) { name } }')],
      [
        'unknown operationName',
        () =>
          send(url, {
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
          }),
      ],
      ['body over 100 kB', () => raw(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(101_000)}` }))],
      ['first: 0', () => post(url, '{ countries(first: 0) { totalCount } }')],
      ['first: 101', () => post(url, '{ countries(first: 101) { totalCount } }')],
      ['bad cursor', () => post(url, '{ countries(after: "\' OR 1=1 --") { totalCount } }')],
      ['bad date', () => post(url, 'query($v: String) { timeline(from: $v) { totalCount } }', { v: '\\' })],
      [
        'bad id',
        () =>
          post(url, 'query($v: ID!) { relations(between: [$v, $v]) { between { __typename } } }', { v: '%' }),
      ],
      [
        '101 ids',
        () =>
          post(url, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
            ids: Array.from({ length: 101 }, (_, i) => `${i}`),
          }),
      ],
      [
        'long search',
        () => post(url, 'query($v: String!) { search(text: $v) { totalCount } }', { v: 'x'.repeat(50_000) }),
      ],
    ];
    const forbidden: [string, RegExp][] = [
      ['stacktrace', /stacktrace/i],
      ['the project folder', new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
      ['node_modules', /node_modules/],
      ['.ts:', /\.ts:/],
      ['127.0.0.1', /127\.0\.0\.1/],
      ['database port', new RegExp(`\\b${port}\\b`)],
    ];
    const leaks: string[] = [];
    for (const [name, request] of cases) {
      const reply = await request();
      expect({ name, refused: reply.status < 500 && (reply.body.errors?.length ?? 0) > 0 }).toEqual({
        name,
        refused: true,
      });
      // the request id is random and may contain any digits
      const id = reply.headers.get('x-request-id')!;
      const text = reply.text.split(id).join('<request-id>');
      for (const [what, pattern] of forbidden)
        if (pattern.test(text)) leaks.push(`${name}: ${what} in ${text.slice(0, 500)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('masks an internal error as "Internal server error." with code INTERNAL_SERVER_ERROR', async () => {
    // a real driver error: the next statement the service runs goes to a table that does not exist
    const original = Database.prototype.query;
    const spy = jest.spyOn(Database.prototype, 'query').mockImplementationOnce(function (this: Database) {
      return original.call(this, 'SELECT missing_column FROM no_such_table_for_hardening WHERE id = ?', [1]);
    });
    try {
      const reply = await post(api.url, '{ country(name: "Turkey") { name } }');
      expect(spy).toHaveBeenCalled();
      expect(reply.status).toBe(200);
      expect(reply.body.data).toEqual({ country: null });
      expect(reply.body.errors).toEqual([
        {
          message: 'Internal server error.',
          locations: expect.any(Array),
          path: ['country'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: reply.headers.get('x-request-id') },
        },
      ]);
      expect(reply.text).not.toMatch(
        /no_such_table|missing_column|SELECT|\bER_[A-Z]|doesn't exist|stacktrace/,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('echoes a valid x-request-id and generates one otherwise', async () => {
    const given = 'client-req.42:abc_DEF';
    const echoed = await post(api.url, '{ countries(first: 0) { totalCount } }', undefined, {
      'x-request-id': given,
    });
    expect(echoed.headers.get('x-request-id')).toBe(given);
    expect(echoed.body.errors![0]!.extensions!.requestId).toBe(given);

    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const none = await post(api.url, '{ __typename }');
    expect(none.headers.get('x-request-id')).toMatch(uuid);
    const other = await post(api.url, '{ __typename }');
    expect(other.headers.get('x-request-id')).not.toBe(none.headers.get('x-request-id'));

    for (const invalid of ['has spaces', 'x'.repeat(65), '<script>', 'a/b']) {
      const reply = await post(api.url, '{ countries(first: 0) { totalCount } }', undefined, {
        'x-request-id': invalid,
      });
      const id = reply.headers.get('x-request-id');
      expect(id).toMatch(uuid);
      expect(reply.body.errors![0]!.extensions!.requestId).toBe(id);
    }
  });
});

describe('Hardening: production with INTROSPECTION on', () => {
  let api: TestService;
  beforeAll(async () => {
    api = await startTestService({ nodeEnv: 'production', introspection: true, queryStats: false });
  });
  afterAll(() => api.stop());

  it('answers introspection', async () => {
    const reply = await post(api.url, INTROSPECTION);
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data!.__schema.queryType.name).toBe('Query');
    expect(reply.body.data!.__schema.types.map((t: { name: string }) => t.name)).toContain('Country');
  });

  it('still shows no stack in errors', async () => {
    const reply = await post(api.url, '{ countries { ');
    expect(reply.status).toBe(400);
    expect(reply.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(reply.text).not.toMatch(/stacktrace|node_modules/);
    expect(reply.text).not.toContain(ROOT);
  });
});
