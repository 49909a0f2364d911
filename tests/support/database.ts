/** A fresh, migrated database of its own on the test server, for tests that write. */
import type { DataSource } from 'typeorm';
import mysql from 'mysql2/promise';
import { createDataSource, migrate } from '../../src/db/data-source';
import { testState } from './environment';

export async function freshDatabase(
  name: string,
): Promise<{ url: string; dataSource: DataSource; drop(): Promise<void> }> {
  const base = new URL(testState().databaseUrl);
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port),
    user: base.username || 'root',
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `mysql://${base.username || 'root'}@${base.hostname}:${base.port}/${name}`;
  const dataSource = createDataSource({ url, poolSize: 4 });
  await dataSource.initialize();
  await migrate(dataSource);
  return {
    url,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/**
 * A checksum of every table's contents: equal checksums mean equal values in every stored column. Generated
 * columns are left out: they follow from the others, and MariaDB's CHECKSUM TABLE reads them in a way
 * that depends on the order rows were written, so it differs between equal tables.
 */
/** Columns that record when a load ran: equal loads at different times differ there only. */
const WALL_CLOCK_COLUMNS = new Set(['revision.created_at']);

/** The tables that keep the history of loads rather than the data (src/revisions/). */
export const HISTORY_TABLES = ['data_version', 'revision', 'revision_document', 'entity_change'] as const;

export async function tableChecksums(
  dataSource: DataSource,
  options: { exceptTables?: readonly string[] } = {},
): Promise<Record<string, string>> {
  const columns = (
    (await dataSource.query(
      "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND EXTRA NOT LIKE '%GENERATED%' ORDER BY TABLE_NAME, ORDINAL_POSITION",
    )) as { t: string; c: string }[]
  ).filter((r) => !WALL_CLOCK_COLUMNS.has(`${r.t}.${r.c}`) && !options.exceptTables?.includes(r.t));
  const tables = [...new Set(columns.map((r) => r.t))].sort();
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const values = columns
      .filter((r) => r.t === table)
      .map((r) => `IFNULL(HEX(\`${r.c}\`), 'NULL')`)
      .join(", '|', ");
    // order-independent: the XOR of each row's 64-bit digest, with the row count
    const [row] = (await dataSource.query(
      `SELECT COUNT(*) AS n, BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT(${values})), 16), 16, 10) AS UNSIGNED)) AS x FROM \`${table}\``,
    )) as { n: number; x: string }[];
    sums[table] = `${row!.n}:${row!.x}`;
  }
  return sums;
}
