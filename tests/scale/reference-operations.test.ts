import mysql from 'mysql2/promise';
import {
  REFERENCE_OPERATIONS,
  resolveParameters,
  type OperationParameters,
  type SqlRunner,
} from '../../src/benchmarks/operations';
import { rowsRead } from '../support/analyze';
import { startTestService, type TestService } from '../support/service';
import { scaleState } from './setup/scale-state';
import {
  captureStatements,
  explain,
  planProblems,
  runner,
  shortSql,
  type CapturedStatement,
} from './support/plans';

/** The service and the operations' variables for one database. */
interface Target {
  service: TestService;
  connection: mysql.Connection;
  parameters: OperationParameters;
}

// generous time limits: today's statements may take seconds at this size, and every one is still judged;
// the search's full-text budget too, so that a busy machine does not turn a search into its names-only retry
const slow = { statementTimeoutMs: 120_000, requestTimeoutMs: 600_000, searchTextBudgetMs: 120_000 };

async function prepare(url: string): Promise<Target> {
  const service = await startTestService({ databaseUrl: url, ...slow });
  const connection = await mysql.createConnection({ uri: url, charset: 'UTF8MB4_UNICODE_CI' });
  const sql: SqlRunner = async <Row>(text: string, params: unknown[] = []) =>
    (await connection.query(text, params))[0] as Row[];
  return { service, connection, parameters: await resolveParameters(sql, runner(service)) };
}

async function run(
  target: Target,
  key: string,
): Promise<{ statements: CapturedStatement[]; errors: unknown; data: unknown }> {
  const operation = REFERENCE_OPERATIONS.find((o) => o.key === key)!;
  const { result, statements } = await captureStatements(() =>
    target.service.gql(operation.query, operation.variables(target.parameters)),
  );
  return { statements, errors: result.body.errors, data: result.body.data };
}

let small: Target;
let large: Target;
beforeAll(async () => {
  small = await prepare(scaleState().smallUrl);
  large = await prepare(scaleState().largeUrl);
});
afterAll(async () => {
  for (const t of [small, large]) {
    await t?.service.stop();
    await t?.connection.end();
  }
});

const keys = REFERENCE_OPERATIONS.map((o) => [o.key] as const);

describe(`Scale: the reference operations on ${scaleState().events} synthetic events`, () => {
  it.each(keys)('%s answers without errors at both sizes', async (key) => {
    expect((await run(small, key)).errors).toBeUndefined();
    expect((await run(large, key)).errors).toBeUndefined();
  });

  // a full search window keeps the same hits on every request: ties in ranking go by id
  it.each(keys)('%s answers the same twice on the large graph', async (key) => {
    const first = await run(large, key);
    const second = await run(large, key);
    expect(second.data).toEqual(first.data);
  });

  /**
   * How many statements an answer may take, from its shape alone. Search looks up how common its words
   * are, ranks in one statement and then loads the page's hits: its entities, of whatever types, in one
   * statement, and its documents in one more: the same rule at every size, while which kinds rank first
   * depends on the data.
   */
  const statementsFor = (key: string, data: unknown): number | undefined => {
    if (key !== 'search') return undefined;
    const edges = (data as { search: { edges: { node: { __typename: string } }[] } }).search.edges;
    const documents = edges.some((e) => e.node.__typename === 'Document');
    const entities = edges.some((e) => e.node.__typename !== 'Document');
    return 2 + Number(entities) + Number(documents);
  };

  it.each(keys)('%s runs as many statements on the small graph as on the large one', async (key) => {
    const few = await run(small, key);
    const big = await run(large, key);
    expect(few.statements.length).toBeGreaterThan(0);
    const expected = [statementsFor(key, few.data), statementsFor(key, big.data)];
    if (expected[0] !== undefined) {
      expect([few.statements.length, big.statements.length]).toEqual(expected);
      return;
    }
    if (big.statements.length !== few.statements.length) {
      throw new Error(
        `operation ${key}: ${few.statements.length} statements with ${scaleState().smallEvents} synthetic events, ${big.statements.length} with ${scaleState().events}:\n` +
          big.statements.map((s, i) => `  ${i + 1}. ${shortSql(s.sql, 160)}`).join('\n'),
      );
    }
  });

  it('events-range reads about its page, not every event of the span before the range', async () => {
    // 20 events a page, read as one index range per span class (9 ranges of at most 21 rows) plus the
    // rows a class's longest span lets in; a single range from the longest span before the range read
    // every event of the year before it (about 3,000 rows at 100,000 events, 31,000 at a million)
    const { statements } = await run(large, 'events-range');
    expect(statements).toHaveLength(1);
    expect(await rowsRead(large.connection, statements[0]!)).toBeLessThan(500);
  });

  it('search reads quotes by its words where they are rare, and leaves them out where they are common', async () => {
    // "transit corridor": a few hundred quotes hold each word on the small graph, tens of thousands on
    // the large one, where reading them took seconds (every occurrence before the first ranked row)
    const quoteMatch = (statements: CapturedStatement[]) =>
      statements.some((s) => s.sql.includes('MATCH(ci.quote)'));
    const [few, big] = [await run(small, 'search'), await run(large, 'search')];
    expect(quoteMatch(few.statements)).toBe(true);
    expect(quoteMatch(big.statements)).toBe(false);
    const lowerBound = async (target: Target) =>
      (
        await target.service.gql('query($text: String!) { search(text: $text) { totalCountIsLowerBound } }', {
          text: target.parameters.searchText,
        })
      ).body.data!.search.totalCountIsLowerBound as boolean;
    expect(await lowerBound(large)).toBe(true);
  });

  it.each(keys)(
    '%s: no statement scans a large table in full or sorts more than a page needs',
    async (key) => {
      const { statements } = await run(large, key);
      expect(statements.length).toBeGreaterThan(0);
      const report: string[] = [];
      for (const [i, statement] of statements.entries()) {
        const problems = planProblems(await explain(large.connection, statement));
        if (problems.length > 0)
          report.push(
            `statement ${i + 1} of ${statements.length}: ${shortSql(statement.sql)}\n${problems.map((p) => `    - ${p}`).join('\n')}`,
          );
      }
      if (report.length > 0)
        throw new Error(
          `operation ${key} (${REFERENCE_OPERATIONS.find((o) => o.key === key)!.title}):\n  ${report.join('\n  ')}`,
        );
    },
  );
});
