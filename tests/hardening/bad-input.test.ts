/**
 * Hardening: requests a careless or hostile client may send. Each is answered with the exact status and
 * error code the GraphQL-over-HTTP spec and this service's limits give, every error carries the request id
 * of its response, and no string argument, however odd, reaches the database as anything but a value.
 */
import { namedType, printType, TYPE_REF, type TypeRef } from '../support/introspection';
import { useTestService } from '../support/service';

const api = useTestService();

interface GraphQLErrorBody {
  message: string;
  extensions?: Record<string, any>;
  path?: unknown[];
}

interface Reply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: GraphQLErrorBody[]; extensions?: Record<string, any> };
  text: string;
  ms: number;
}

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

/** Sends a raw HTTP request to the GraphQL endpoint (or `url`) and reads the answer, JSON or not. */
async function send(init: RequestInit, url = api.url): Promise<Reply> {
  const started = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let body: Reply['body'] = {};
  try {
    body = JSON.parse(text) as Reply['body'];
  } catch {
    // kept as text: the assertions then show it
  }
  return { status: res.status, headers: res.headers, body, text, ms: Date.now() - started };
}

/** POSTs a well-formed GraphQL request. */
function post(query: string, variables?: Record<string, unknown>, operationName?: string): Promise<Reply> {
  return send({
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query, variables, operationName }),
  });
}

/** POSTs a body exactly as given. */
function postRaw(body: string, contentType = 'application/json'): Promise<Reply> {
  return send({ method: 'POST', headers: { ...JSON_HEADERS, 'content-type': contentType }, body });
}

/** Every error of the response carries the response's request id. */
function expectRequestIds(reply: Reply): void {
  const id = reply.headers.get('x-request-id');
  expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  expect(reply.body.errors?.length).toBeGreaterThan(0);
  for (const error of reply.body.errors ?? []) expect(error.extensions?.requestId).toBe(id);
}

/** The exact status, one code for every error, and the request id on each. */
function expectRefused(reply: Reply, status: number, code: string): void {
  expect({
    status: reply.status,
    codes: [...new Set(reply.body.errors?.map((e) => e.extensions?.code))],
  }).toEqual({ status, codes: [code] });
  expectRequestIds(reply);
}

const messages = (reply: Reply): string => (reply.body.errors ?? []).map((e) => e.message).join('\n');

const repeat = (n: number, make: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => make(i)).join(' ');

/** The deepest query the reference client sends: 12 levels, within the limit of 15. */
const DEEP_REFERENCE_QUERY = `{
  countries(first: 5) {
    nodes {
      memberships(first: 5) {
        nodes {
          organization {
            members(first: 5) {
              nodes {
                member {
                  ... on Country { claims { sources { document { title } } } }
                  ... on Organization { claims { sources { document { title } } } }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

describe('Hardening: malformed requests', () => {
  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    expectRefused(await postRaw('{"query": "{ __typename }"'), 400, 'BAD_REQUEST');
  });

  it('answers an empty body with 400 BAD_REQUEST', async () => {
    expectRefused(await postRaw(''), 400, 'BAD_REQUEST');
  });

  it('answers a query that is not a string with 400 BAD_REQUEST', async () => {
    expectRefused(await postRaw(JSON.stringify({ query: 42 })), 400, 'BAD_REQUEST');
    expectRefused(await postRaw(JSON.stringify({ query: { kind: 'Document' } })), 400, 'BAD_REQUEST');
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED and its location', async () => {
    const reply = await post('{ countries { nodes { name } ');
    expectRefused(reply, 400, 'GRAPHQL_PARSE_FAILED');
    expect(reply.body.errors![0]!.message).toMatch(/^Syntax Error/);
  });

  it('refuses a document of more than 2000 tokens as a parse failure (400)', async () => {
    const reply = await post(`{ ${repeat(2001, () => '__typename')} }`);
    expectRefused(reply, 400, 'GRAPHQL_PARSE_FAILED');
    expect(messages(reply)).toMatch(/2000 tokens/);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'answers a POST sent as %s with 415 BAD_REQUEST',
    async (type) => {
      const body =
        type === 'text/plain' ? JSON.stringify({ query: '{ __typename }' }) : 'query=%7B__typename%7D';
      expectRefused(await postRaw(body, type), 415, 'BAD_REQUEST');
    },
  );

  it('answers a charset other than UTF-8 with 415 BAD_REQUEST', async () => {
    const reply = await postRaw(
      JSON.stringify({ query: '{ __typename }' }),
      'application/json; charset=iso-8859-1',
    );
    expectRefused(reply, 415, 'BAD_REQUEST');
    expect(messages(reply)).toMatch(/charset/i);
  });

  it('refuses a mutation over GET with 405 and an Allow header', async () => {
    const reply = await send(
      {
        method: 'GET',
        headers: { 'apollo-require-preflight': 'true' },
      },
      `${api.url}?query=${encodeURIComponent('mutation { __typename }')}`,
    );
    expectRefused(reply, 405, 'BAD_REQUEST');
    expect(reply.headers.get('allow')).toBe('POST');
  });

  it('refuses PUT with 405 and an Allow header', async () => {
    const reply = await send({
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expectRefused(reply, 405, 'BAD_REQUEST');
    expect(reply.headers.get('allow')).toBe('GET, POST');
  });

  it('refuses a batch (an array of operations) with 400 BAD_REQUEST', async () => {
    const reply = await postRaw(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expectRefused(reply, 400, 'BAD_REQUEST');
  });

  it('refuses a body over 100 kB with 413 BAD_REQUEST', async () => {
    const reply = await postRaw(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(101_000)}` }));
    expectRefused(reply, 413, 'BAD_REQUEST');
    expect(messages(reply)).toMatch(/100 kB/);
  });
});

describe('Hardening: operation limits', () => {
  it('accepts the deep reference query (depth 12 of 15)', async () => {
    const reply = await post(DEEP_REFERENCE_QUERY);
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data!.countries.nodes.length).toBeGreaterThan(0);
  });

  it('refuses nesting deeper than 15 with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    let selection = 'title';
    for (let i = 0; i < 5; i++) selection = `citations(first: 1) { nodes { document { ${selection} } } }`;
    const reply = await post(`{ documents(first: 1) { nodes { ${selection} } } }`);
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(messages(reply)).toMatch(/depth limit of 15/);
  });

  it('accepts 15 aliases and refuses 16 and 101 (aliases of __typename count)', async () => {
    const aliases = (n: number) => `{ ${repeat(n, (i) => `a${i}: __typename`)} }`;
    const fifteen = await post(aliases(15));
    expect(fifteen.status).toBe(200);
    expect(fifteen.body.errors).toBeUndefined();
    for (const n of [16, 101]) {
      const reply = await post(aliases(n));
      expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(messages(reply)).toMatch(new RegExp(`Aliases limit of 15 exceeded, found ${n}`));
    }
  });

  it('refuses __typename selected 500 times (more than 500 fields)', async () => {
    const reply = await post(`{ ${repeat(500, () => '__typename')} }`);
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(messages(reply)).toMatch(/more than 500 fields/);
  });

  it('accepts 50 directives and refuses 51', async () => {
    const directives = (n: number) => `{ ${repeat(n, () => '__typename @include(if: true)')} }`;
    const fifty = await post(directives(50));
    expect(fifty.status).toBe(200);
    expect(fifty.body.errors).toBeUndefined();
    const reply = await post(directives(51));
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(messages(reply)).toMatch(/Directives limit of 50 exceeded, found 51/);
  });

  it('refuses 10 unknown directives with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const reply = await post(`{ __typename ${repeat(10, (i) => `@unknown${i}`)} }`);
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(messages(reply)).toMatch(/Unknown directive "@unknown0"/);
  });

  it('refuses circular fragments with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const reply = await post('{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }');
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(messages(reply)).toMatch(/Cannot spread fragment "A" within itself/);
    expect(reply.ms).toBeLessThan(2_000);
  });

  it('refuses a fragment bomb quickly, without expanding it', async () => {
    // F12 expands to 10^12 selections of __typename, in a document of about 300 tokens
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 12; i++)
      fragments.push(`fragment F${i} on Query { ${repeat(10, () => `...F${i - 1}`)} }`);
    const reply = await post(`{ ...F12 } ${fragments.join(' ')}`);
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(reply.ms).toBeLessThan(2_000);
  });

  it('refuses first: 100000 nested three deep on its cost, naming the cost and the limit', async () => {
    const reply = await post(`{
      countries(first: 100000) { nodes {
        memberships(first: 100000) { nodes {
          organization { members(first: 100000) { nodes { __typename } } }
        } }
      } }
    }`);
    expectRefused(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
    const error = reply.body.errors![0]!;
    expect(error.extensions!.maxCost).toBe(250_000);
    expect(error.extensions!.cost).toBeGreaterThan(250_000);
    expect(error.message).toContain(`costs ${error.extensions!.cost}, more than the limit of 250000`);
  });

  it('reports the cost of an accepted query, which grows with the page size', async () => {
    const costOf = async (first: number) => {
      const reply = await post(`{ countries(first: ${first}) { nodes { name iso2 } } }`);
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.extensions!.cost).toEqual({ requested: expect.any(Number), limit: 250_000 });
      return reply.body.extensions!.cost.requested as number;
    };
    const small = await costOf(5);
    const large = await costOf(50);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeGreaterThanOrEqual(small * 5);
  });
});

describe('Hardening: bad variables and arguments', () => {
  const BY_NAME = 'query($name: String!) { country(name: $name) { name } }';

  it('refuses a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
    const reply = await post(BY_NAME, { name: 42 });
    expectRefused(reply, 400, 'BAD_USER_INPUT');
    expect(messages(reply)).toMatch(/\$name/);
  });

  it('refuses a missing required variable with 400 BAD_USER_INPUT', async () => {
    const reply = await post(BY_NAME);
    expectRefused(reply, 400, 'BAD_USER_INPUT');
    expect(messages(reply)).toMatch(/\$name/);
  });

  it('refuses an unknown operationName with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const reply = await post('query Known { __typename }', undefined, 'Unknown');
    expectRefused(reply, 400, 'OPERATION_RESOLUTION_FAILURE');
    expect(messages(reply)).toMatch(/Unknown/);
  });

  it.each([0, 101])('refuses first: %d as BAD_USER_INPUT naming `first`', async (first) => {
    const reply = await post(`{ countries(first: ${first}) { totalCount } }`);
    // an argument a resolver refuses is an execution error: 200, with data null
    expectRefused(reply, 200, 'BAD_USER_INPUT');
    expect(reply.body.data).toBeNull();
    expect(reply.body.errors![0]!.extensions!.argumentName).toBe('first');
    expect(reply.body.errors![0]!.message).toMatch(/"first".*expected 1 to 100/);
  });

  it('refuses nodes(ids:) with 101 ids as BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `id${i}`);
    const reply = await post('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expectRefused(reply, 200, 'BAD_USER_INPUT');
    expect(reply.body.errors![0]!.extensions!.argumentName).toBe('ids');
    expect(reply.body.errors![0]!.message).toMatch(/at most 100/);
  });
});

const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && isList(t.ofType!));
const isText = (t: TypeRef): boolean => ['String', 'ID'].includes(namedType(t).name!);

/** One string argument of the schema, and how to send a value in it. */
interface StringArgument {
  /** `field(arg:)` or `field(arg: { inputField })`. */
  label: string;
  /** The name the service reports: the argument, or `argument.inputField`. */
  name: string;
  query: string;
  variables(value: string): Record<string, unknown>;
}

/** Partial-date arguments: `from`, `to`, `filter.signedFrom`, `filter.periodTo`... */
const DATE_ARGUMENT = /(^|\.)(from|to)$|(From|To)$/;

/** Every String or ID argument of the root fields, and every String or ID field of their input objects. */
async function stringArguments(): Promise<StringArgument[]> {
  const reply = await post(`{
    __schema {
      queryType { fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } }
      types { name kind inputFields { name type { ${TYPE_REF} } } }
    }
  }`);
  expect(reply.body.errors).toBeUndefined();
  const schema = reply.body.data!.__schema as {
    queryType: { fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] };
    types: { name: string; kind: string; inputFields: { name: string; type: TypeRef }[] | null }[];
  };
  const inputs = new Map(schema.types.filter((t) => t.kind === 'INPUT_OBJECT').map((t) => [t.name, t]));
  const found: StringArgument[] = [];
  for (const field of schema.queryType.fields) {
    const returned = namedType(field.type);
    const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(returned.kind)
      ? returned.name!.endsWith('Connection')
        ? '{ totalCount nodes { __typename } }'
        : '{ __typename }'
      : '';
    // required arguments besides the one under test get a harmless value
    const required = field.args.filter((a) => a.type.kind === 'NON_NULL');
    const filler = (except: string) => {
      const values: Record<string, unknown> = {};
      for (const a of required) {
        if (a.name === except) continue;
        if (!isText(a.type)) throw new Error(`${field.name}(${a.name}:) is required and not a string`);
        values[a.name] = isList(a.type) ? ['Türkiye'] : 'Türkiye';
      }
      return values;
    };
    const build = (target: string, wrap: (value: string) => unknown, name: string, label: string) => {
      const declared = field.args.filter((a) => a.name === target || a.type.kind === 'NON_NULL');
      found.push({
        label,
        name,
        query: `query(${declared.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ')}) { ${field.name}(${declared
          .map((a) => `${a.name}: $${a.name}`)
          .join(', ')}) ${selection} }`,
        variables: (value) => ({ ...filler(target), [target]: wrap(value) }),
      });
    };
    for (const arg of field.args) {
      if (isText(arg.type)) {
        build(arg.name, (v) => (isList(arg.type) ? [v] : v), arg.name, `${field.name}(${arg.name}:)`);
      } else if (namedType(arg.type).kind === 'INPUT_OBJECT') {
        for (const inputField of inputs.get(namedType(arg.type).name!)!.inputFields ?? []) {
          if (!isText(inputField.type)) continue;
          build(
            arg.name,
            (v) => ({ [inputField.name]: isList(inputField.type) ? [v] : v }),
            `${arg.name}.${inputField.name}`,
            `${field.name}(${arg.name}: { ${inputField.name} })`,
          );
        }
      }
    }
  }
  return found;
}

/** What an error message must never show: SQL, driver codes, stack frames, file paths. */
const LEAK = /SQL|sql|\bER_[A-Z]|syntax to use|\n\s*at |\bat \S+ \(|\/work\/|node_modules|\.[jt]s:\d+/;

describe('Hardening: hostile strings in every string argument', () => {
  let targets: StringArgument[];
  beforeAll(async () => {
    targets = await stringArguments();
  });

  it('finds the string arguments by introspection, nested filter fields included', () => {
    const labels = targets.map((t) => t.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'country(name:)',
        'country(iso2:)',
        'country(id:)',
        'search(text:)',
        'timeline(from:)',
        'timeline(to:)',
        'relations(between:)',
        'nodes(ids:)',
        'countries(after:)',
        'countries(filter: { region })',
        'events(filter: { city })',
        'events(filter: { from })',
        'agreements(filter: { signedFrom })',
        'figures(filter: { periodTo })',
        'documents(filter: { publisher })',
      ]),
    );
    expect(targets.length).toBeGreaterThan(40);
  });

  const HOSTILE: [string, string][] = [
    ['SQL injection', "' OR 1=1 --"],
    ['a percent sign', '%'],
    ['an underscore', '_'],
    ['a backslash', '\\'],
    ['a NUL character', 'a\u0000b'],
    ['50,000 characters', 'x'.repeat(50_000)],
    ['Arabic (right to left)', 'مرحبا'],
    ['Hebrew (right to left)', 'שלום'],
    ['emoji', '🇹🇷🤝🇰🇿'],
  ];

  it.each(HOSTILE)('answers %s cleanly in every string argument', async (_what, value) => {
    const problems: string[] = [];
    for (const target of targets) {
      const reply = await post(target.query, target.variables(value));
      const errors = reply.body.errors ?? [];
      const codes = errors.map((e) => e.extensions?.code);
      const leaked = errors.map((e) => e.message).filter((m) => LEAK.test(m));
      const date = DATE_ARGUMENT.test(target.name);
      const clean =
        reply.status < 500 &&
        leaked.length === 0 &&
        (date
          ? reply.status === 200 &&
            codes.length > 0 &&
            codes.every((c) => c === 'BAD_USER_INPUT') &&
            errors.some(
              (e) => e.extensions?.argumentName === target.name && e.message.includes(`"${target.name}"`),
            )
          : errors.length === 0
            ? reply.status === 200 && reply.body.data !== undefined
            : [200, 400].includes(reply.status) && codes.every((c) => c === 'BAD_USER_INPUT'));
      if (!clean)
        problems.push(
          `${target.label}: ${reply.status} ${JSON.stringify(
            errors.map((e) => ({ code: e.extensions?.code, message: e.message.slice(0, 300) })),
          )}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it.each(['%', '_', '\\'])('matches %j literally, not as a LIKE wildcard', async (value) => {
    const reply = await post(
      `query($v: String!) {
        country(name: $v) { name }
        organization(name: $v) { name }
        agreement(name: $v) { name }
        countries(filter: { region: $v }) { totalCount }
        events(filter: { city: $v }) { totalCount }
        documents(filter: { publisher: $v }) { totalCount }
        search(text: $v) { totalCount }
      }`,
      { v: value },
    );
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data).toEqual({
      country: null,
      organization: null,
      agreement: null,
      countries: { totalCount: 0 },
      events: { totalCount: 0 },
      documents: { totalCount: 0 },
      search: { totalCount: 0 },
    });
  });
});
