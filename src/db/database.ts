/**
 * The one door the API uses to reach SQL. Each call is one statement, counted against the current request
 * (db/request-stats.ts), so statement counts in responses and tests are exact.
 */
import type { DataSource } from 'typeorm';
import { currentStats } from './request-stats';

export type SqlValue = string | number | boolean | null | readonly (string | number)[];

export class Database {
  constructor(readonly dataSource: DataSource) {}

  /** Runs one statement with `?` placeholders; arrays expand to lists (`IN (?)`). */
  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const stats = currentStats();
    if (stats) stats.sqlStatements += 1;
    return (await this.dataSource.query(sql, params as unknown[])) as Row[];
  }
}
