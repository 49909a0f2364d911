/**
 * Reading the statements an operation runs and judging their plans. A statement fails when its plan reads
 * a large table in full (access type ALL or a full index scan over more than LARGE_TABLE_ROWS rows) or
 * sorts more rows than a page needs (a filesort, or a window's sort, over more than SORT_BOUND rows).
 */
import mysql from 'mysql2/promise';
import { setStatementListener } from '../../../src/db/request-stats';
import type { GraphQLRunner } from '../../../src/benchmarks/operations';
import type { TestService } from '../../support/service';

/** A table with more rows than this is large: reading it whole is a scan that grows with the data. */
export const LARGE_TABLE_ROWS = 10_000;
/**
 * The most rows a statement may sort. A page is at most 101 rows; a batched nested list sorts at most
 * (page + 1) rows for each of its parents, and a request batches at most a few dozen parents.
 */
export const SORT_BOUND = 2_000;

export interface CapturedStatement {
  sql: string;
  params: readonly unknown[];
}

/** Runs `fn` and returns every statement the service ran meanwhile, in order. */
export async function captureStatements<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  setStatementListener((sql, params) => statements.push({ sql, params }));
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    setStatementListener(undefined);
  }
}

/** A GraphQL runner over the test service that fails on any error in the answer. */
export function runner(service: TestService): GraphQLRunner {
  return async (query, variables) => {
    const res = await service.gql(query, variables);
    if (res.status !== 200 || res.body.errors)
      throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body.errors ?? res.body).slice(0, 500)}`);
    return res.body.data!;
  };
}

export async function explain(connection: mysql.Connection, statement: CapturedStatement): Promise<unknown> {
  const sql = mysql.format(statement.sql, statement.params as never);
  const [rows] = (await connection.query(`EXPLAIN FORMAT=JSON ${sql}`)) as unknown as [
    Record<string, string>[],
  ];
  return JSON.parse(Object.values(rows[0]!)[0]!);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested query blocks are judged on their own: their tables do not multiply the enclosing estimate. */
const NESTED = new Set(['materialized', 'subqueries', 'query_block', 'union_result', 'query_specifications']);

/** The rows a part of a plan produces: the product of its tables' rows after their filters. */
function estimate(node: unknown): number {
  let product = 1;
  let found = false;
  const visit = (n: unknown, top: boolean) => {
    if (Array.isArray(n)) return n.forEach((x) => visit(x, false));
    if (!isObject(n)) return;
    if (typeof n.table_name === 'string' && typeof n.rows === 'number') {
      found = true;
      product *= Math.max(1, (n.rows * Number(n.filtered ?? 100)) / 100);
    }
    for (const [key, value] of Object.entries(n)) if (top || !NESTED.has(key)) visit(value, false);
  };
  visit(node, true);
  return found ? product : 0;
}

/** What is wrong with a plan, in words; empty when nothing is. */
export function planProblems(plan: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, ancestors: Json[]) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, ancestors));
    if (!isObject(node)) return;
    const table = node.table_name;
    const access = node.access_type;
    const rows = Number(node.rows ?? 0);
    if (typeof table === 'string' && (access === 'ALL' || access === 'index') && rows > LARGE_TABLE_ROWS)
      problems.push(
        `reads ${table} in full (access type ${access}, about ${rows} rows; large means over ${LARGE_TABLE_ROWS})`,
      );
    if (isObject(node.filesort)) {
      // a window's sort lists no tables of its own: its rows are those of the block around it
      let sorted = estimate(node.filesort) || estimate(node);
      for (let i = ancestors.length - 1; sorted === 0 && i >= 0; i--) sorted = estimate(ancestors[i]);
      if (sorted > SORT_BOUND)
        problems.push(
          `sorts about ${Math.round(sorted)} rows (filesort on ${String(node.filesort.sort_key ?? '?')}; a page needs at most ${SORT_BOUND})`,
        );
    }
    for (const value of Object.values(node)) visit(value, [...ancestors, node]);
  };
  visit(plan, []);
  return [...new Set(problems)];
}

/** One line of SQL, shortened for a message. */
export function shortSql(sql: string, max = 400): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
