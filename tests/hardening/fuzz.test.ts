/**
 * Hardening: a deterministic fuzz of every argument of every root field. The arguments are found by
 * introspection (a new argument is fuzzed without touching this file) and each gets random JSON values,
 * most of the wrong shape (objects, arrays, huge numbers, deep nesting, long strings), sent as variables
 * of the argument's own type. Every answer must be a 200 or a 400 whose errors are the client's
 * (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED), with no SQL or other internals in any message.
 */
import { outcome, postGraphQL, type RawReply } from '../support/raw-http';
import { namedType, nullable, printType, TYPE_REF, type TypeRef } from '../support/introspection';
import { useTestService } from '../support/service';

const api = useTestService();

/** The fuzz is the same on every run: change the seed to explore, keep it to reproduce. */
const SEED = 0x5eed_2026;
const VALUES_PER_ARGUMENT = 8;

/** mulberry32: a small seeded PRNG, enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface InputValue {
  name: string;
  type: TypeRef;
}
interface IntrospectedType {
  name: string;
  kind: string;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

/** Random JSON values, most of them of a shape no argument accepts. */
class Values {
  constructor(
    private readonly random: () => number,
    private readonly types: Map<string, IntrospectedType>,
  ) {}

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  string(): string {
    return this.pick([
      () => '',
      () => 'x'.repeat(10_000 + this.int(20_000)),
      () => String.fromCharCode(...Array.from({ length: 1 + this.int(40) }, () => this.int(0x3000))),
      () => "' OR 1=1 -- ",
      () => '%_\\',
      () => 'W251bGxd',
      () => Buffer.from(JSON.stringify(this.wrong(2))).toString('base64'),
      () => '-0001-02-29',
      () => '9999999999999999999999',
    ])();
  }

  number(): number {
    return this.pick([
      0,
      -1,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 53 + 2,
      1e308,
      -1e308,
      0.5,
      Number.MAX_SAFE_INTEGER,
      this.int(1000) - 500,
    ]);
  }

  /** Any JSON value, nested at most `depth` levels. */
  wrong(depth: number): unknown {
    const kinds = ['null', 'boolean', 'number', 'string', 'array', 'object', 'deep'] as const;
    const kind = depth <= 0 ? this.pick(kinds.slice(0, 4)) : this.pick(kinds);
    switch (kind) {
      case 'null':
        return null;
      case 'boolean':
        return this.random() < 0.5;
      case 'number':
        return this.number();
      case 'string':
        return this.string();
      case 'array':
        return Array.from({ length: this.int(6) }, () => this.wrong(depth - 1));
      case 'object':
        return Object.fromEntries(
          Array.from({ length: this.int(6) }, () => [
            this.pick(['a', 'id', '__typename', 'first', 'x'.repeat(300), '']),
            this.wrong(depth - 1),
          ]),
        );
      case 'deep': {
        // nested beyond the variables' depth limit as often as within it
        let value: unknown = this.wrong(0);
        for (let i = 0, n = 3 + this.int(12); i < n; i++)
          value = this.random() < 0.5 ? [value] : { a: value };
        return value;
      }
    }
  }

  /** A value of the right outline for `type` with odd contents, or (half the time) a wrong one. */
  forType(type: TypeRef, depth = 3): unknown {
    if (this.random() < 0.5 || depth <= 0) return this.wrong(3);
    const t = nullable(type);
    if (t.kind === 'LIST')
      return Array.from({ length: this.int(4) }, () => this.forType(t.ofType!, depth - 1));
    const named = this.types.get(t.name!)!;
    if (named.kind === 'ENUM') return this.pick([...named.enumValues!.map((v) => v.name), 'NOPE', 'name']);
    if (named.kind === 'INPUT_OBJECT') {
      const fields = named.inputFields!.filter(() => this.random() < 0.6);
      return Object.fromEntries(fields.map((f) => [f.name, this.forType(f.type, depth - 1)]));
    }
    if (named.name === 'Int' || named.name === 'Float') return this.number();
    if (named.name === 'Boolean') return this.pick([true, false, 'true', 1]);
    return this.string();
  }
}

/** A harmless value for a required argument that is not the one under test. */
function filler(type: TypeRef, types: Map<string, IntrospectedType>): unknown {
  const t = nullable(type);
  if (t.kind === 'LIST') return [filler(t.ofType!, types)];
  const named = types.get(t.name!)!;
  if (named.kind === 'ENUM') return named.enumValues![0]!.name;
  if (named.kind === 'INPUT_OBJECT')
    return Object.fromEntries(
      named
        .inputFields!.filter((f) => f.type.kind === 'NON_NULL')
        .map((f) => [f.name, filler(f.type, types)]),
    );
  if (named.name === 'Int' || named.name === 'Float') return 1;
  if (named.name === 'Boolean') return true;
  return 'Türkiye';
}

interface Target {
  label: string;
  query: string;
  type: TypeRef;
  variables(value: unknown): Record<string, unknown>;
}

/** Every argument of every root field, federation fields included, with a query that sends it. */
async function targets(): Promise<{ targets: Target[]; types: Map<string, IntrospectedType> }> {
  const reply = await postGraphQL(api.url, {
    query: `{ __schema {
      queryType { fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } }
      types { name kind inputFields { name type { ${TYPE_REF} } } enumValues { name } }
    } }`,
  });
  expect(reply.body.errors).toBeUndefined();
  const schema = reply.body.data!.__schema as {
    queryType: { fields: { name: string; type: TypeRef; args: InputValue[] }[] };
    types: IntrospectedType[];
  };
  const types = new Map(schema.types.map((t) => [t.name, t]));
  const found: Target[] = [];
  for (const field of schema.queryType.fields) {
    const returned = types.get(namedType(field.type).name!)!;
    const selection =
      returned.kind === 'OBJECT' && returned.name.endsWith('Connection')
        ? '{ totalCount nodes { __typename } }'
        : returned.name === '_Service'
          ? '{ sdl }'
          : ['OBJECT', 'INTERFACE', 'UNION'].includes(returned.kind)
            ? '{ __typename }'
            : '';
    for (const arg of field.args) {
      const sent = field.args.filter((a) => a === arg || a.type.kind === 'NON_NULL');
      const others = Object.fromEntries(
        sent.filter((a) => a !== arg).map((a) => [a.name, filler(a.type, types)]),
      );
      found.push({
        label: `${field.name}(${arg.name}: ${printType(arg.type)})`,
        type: arg.type,
        query: `query(${sent.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ')}) { ${field.name}(${sent
          .map((a) => `${a.name}: $${a.name}`)
          .join(', ')}) ${selection} }`,
        variables: (value) => ({ ...others, [arg.name]: value }),
      });
    }
  }
  return { targets: found, types };
}

/** What no error may show: SQL, driver codes, stack frames, file paths. */
const LEAK = /\bSQL\b|sql|\bER_[A-Z]|syntax to use|SELECT |\n\s*at |\bat \S+ \(|node_modules|\.[jt]s:\d+/;
const CLIENT_CODES = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

function problem(reply: RawReply): string | undefined {
  const { status, codes } = outcome(reply);
  if (status !== 200 && status !== 400) return `status ${status}`;
  const foreign = codes.filter((c) => !CLIENT_CODES.includes(String(c)));
  if (foreign.length) return `codes ${foreign.join(', ')}`;
  if (status === 400 && codes.length === 0) return '400 without an error';
  // stack traces are shown outside production by design; everything else a client sees is checked
  const shown = (reply.body.errors ?? []).map(({ extensions, ...error }) => {
    const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
    return { ...error, extensions: rest };
  });
  if (LEAK.test(JSON.stringify(shown))) return 'internals in an error';
  return undefined;
}

describe('Hardening: fuzzing every argument of every root field', () => {
  it('answers every value with 200 or a client error, and never shows internals', async () => {
    const { targets: all, types } = await targets();
    const labels = all.map((t) => t.label);
    // the walk found the arguments of lookups, lists, discovery and federation
    expect(labels).toEqual(
      expect.arrayContaining([
        'country(name: String)',
        'countries(filter: CountryFilter)',
        'countries(first: Int)',
        'search(types: [SearchType!])',
        'timeline(participants: [ID!])',
        'relations(between: [ID!]!)',
        'nodes(ids: [ID!]!)',
        '_entities(representations: [_Any!]!)',
      ]),
    );
    const values = new Values(prng(SEED), types);
    const problems: string[] = [];
    let requests = 0;
    for (const target of all) {
      for (let i = 0; i < VALUES_PER_ARGUMENT; i++) {
        const value = values.forType(target.type);
        const reply = await postGraphQL(api.url, { query: target.query, variables: target.variables(value) });
        requests++;
        const found = problem(reply);
        if (found)
          problems.push(
            `${target.label} = ${JSON.stringify(value).slice(0, 120)}: ${found}: ${reply.text.slice(0, 300)}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBe(all.length * VALUES_PER_ARGUMENT);
    // the service still answers afterwards
    expect(outcome(await postGraphQL(api.url, { query: '{ __typename }' }))).toEqual({
      status: 200,
      codes: [],
    });
    // about 700 requests: generous for a busy machine; each request has its own 30 s limit
  }, 180_000);
});
