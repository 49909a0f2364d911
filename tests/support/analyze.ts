/**
 * What statements really read: `ANALYZE FORMAT=JSON` runs a statement and reports, per table access, the
 * rows it read; and the statements a service in this process runs, observed (not replaced).
 */
import mysql from 'mysql2/promise';
import { Database } from '../../src/db/database';

export interface TableRead {
  table: string;
  access: string;
  rows: number;
}

export interface ObservedStatement {
  sql: string;
  params: readonly unknown[];
}

/** Every base-table access of an ANALYZE FORMAT=JSON plan, with the rows it really read. */
export function tableReads(node: unknown, found: TableRead[] = []): TableRead[] {
  if (Array.isArray(node)) node.forEach((n) => tableReads(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.table_name === 'string' && !o.table_name.startsWith('<') && 'r_rows' in o)
      found.push({
        table: o.table_name,
        access: String(o.access_type),
        rows: Math.round(Number(o.r_rows ?? 0) * Number(o.r_loops ?? 1)),
      });
    Object.values(o).forEach((v) => tableReads(v, found));
  }
  return found;
}

/** Runs a statement under ANALYZE; returns its base-table accesses. */
export async function analyze(
  connection: mysql.Connection,
  statement: ObservedStatement,
): Promise<TableRead[]> {
  const [rows] = (await connection.query(
    `ANALYZE FORMAT=JSON ${mysql.format(statement.sql, statement.params as never)}`,
  )) as unknown as [Record<string, string>[]];
  return tableReads(JSON.parse(Object.values(rows[0]!)[0]!));
}

/** The rows a statement reads from its base tables. */
export const rowsRead = async (connection: mysql.Connection, statement: ObservedStatement) =>
  (await analyze(connection, statement)).reduce((n, r) => n + r.rows, 0);

/**
 * Records every statement the services of this process run, in a list the caller may empty; the spy is
 * removed by `jest.restoreAllMocks()`.
 */
export function observeStatements(): ObservedStatement[] {
  const statements: ObservedStatement[] = [];
  const query = Database.prototype.query;
  jest.spyOn(Database.prototype, 'query').mockImplementation(function (this: Database, sql, params = []) {
    statements.push({ sql, params });
    return query.call(this, sql, params) as never;
  });
  return statements;
}
