/**
 * The one door the API uses to reach SQL. Each call is one statement, counted against the request the door
 * was opened for (`forRequest`, db/request-stats.ts). Each statement carries the server's own time limit, so a runaway statement is
 * stopped by the database itself, not merely abandoned by the client; a request past its deadline starts
 * no more statements.
 */
import type { PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';
import type { ReadRouter } from './read-router';
import { notifyStatement, type RequestStats } from './request-stats';

export type SqlValue = string | number | boolean | null | readonly (string | number)[];

/** The two server families differ in how a statement's time limit is given. */
export type ServerFlavor = 'mariadb' | 'mysql';

/** A request ran out of time before this statement could start. */
export class RequestDeadlineError extends Error {
  constructor() {
    super('The request ran out of time');
    this.name = 'RequestDeadlineError';
  }
}

export async function detectFlavor(dataSource: DataSource): Promise<ServerFlavor> {
  const [row] = (await dataSource.query('SELECT VERSION() AS version')) as { version: string }[];
  return /mariadb/i.test(row?.version ?? '') ? 'mariadb' : 'mysql';
}

export class Database {
  constructor(
    readonly dataSource: DataSource,
    private readonly flavor: ServerFlavor = 'mariadb',
    private readonly statementTimeoutMs = 5000,
    /** With read replicas: where queries go instead of the primary (./read-router.ts). */
    readonly router?: ReadRouter,
    private readonly stats?: RequestStats,
  ) {}

  /** The same database for one request: its statements count against `stats` and stop at its deadline. */
  forRequest(stats: RequestStats): Database {
    return new Database(this.dataSource, this.flavor, this.statementTimeoutMs, this.router, stats);
  }

  /**
   * Runs one statement with `?` placeholders; arrays expand to lists (`IN (?)`). `timeLimitMs` gives it a
   * shorter time limit than the usual one.
   */
  async query<Row>(sql: string, params: readonly SqlValue[] = [], timeLimitMs?: number): Promise<Row[]> {
    const stats = this.stats;
    let limitMs = Math.min(this.statementTimeoutMs, timeLimitMs ?? Infinity);
    if (stats?.deadline !== undefined) {
      const remaining = stats.deadline - Date.now();
      if (remaining <= 0) throw new RequestDeadlineError();
      limitMs = Math.min(limitMs, remaining);
    }
    if (stats) stats.sqlStatements += 1;
    notifyStatement(sql, params, stats);
    const statement = this.limited(sql, limitMs);
    if (this.router) return (await this.router.query(statement, params)) as Row[];
    return this.run<Row>(statement, params);
  }

  /** A statement for a connection of the caller's own (a snapshot), with the same time limit as `query`'s. */
  timeLimited(sql: string): string {
    return this.limited(sql, this.statementTimeoutMs);
  }

  /**
   * One statement on a pooled connection of TypeORM's driver (the same pool, or the primary of a pool
   * cluster), through mysql2's callback API: TypeORM's own `query` adds a query runner, event broadcasts
   * and a copy of the rows, and mysql2's promise API an Error with a stack trace, to every statement.
   */
  private async run<Row>(sql: string, params: readonly SqlValue[]): Promise<Row[]> {
    const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<PoolConnection> };
    const connection = await driver.obtainMasterConnection();
    try {
      return await new Promise<Row[]>((resolve, reject) =>
        connection.query(sql, params as unknown[], (error, rows) =>
          error ? reject(error) : resolve(rows as Row[]),
        ),
      );
    } finally {
      connection.release();
    }
  }

  /** The statement with the server-side time limit: MariaDB's max_statement_time, MySQL's max_execution_time. */
  private limited(sql: string, limitMs: number): string {
    if (this.flavor === 'mariadb')
      return `SET STATEMENT max_statement_time=${(Math.max(limitMs, 1) / 1000).toFixed(3)} FOR ${sql}`;
    // MySQL limits SELECT statements only, through an optimizer hint right after the keyword
    return sql.replace(
      /^\s*SELECT\b/i,
      `SELECT /*+ MAX_EXECUTION_TIME(${Math.max(Math.round(limitMs), 1)}) */`,
    );
  }
}
