/** Fresh, migrated databases of their own on the test server, for tests that write. */
import type { DataSource } from 'typeorm';
import mysql from 'mysql2/promise';
import { createDataSource, migrate } from '../../src/db/data-source';
import { testState } from './environment';

/**
 * An empty, migrated database that the global setup makes once, for freshDatabase to copy: creating the
 * tables from it takes a fraction of the time that running every migration again does.
 */
export const TEMPLATE_DATABASE = 'eurasia_graph_template';

/**
 * Creates in `to` every table of `from`, exactly as defined there (CREATE TABLE ... LIKE keeps columns,
 * generated columns, indexes, full-text indexes and table options; the schema declares no foreign keys,
 * triggers or views), and copies their rows' stored columns. Both databases are on the server `query` runs on.
 */
export async function cloneDatabase(
  query: (sql: string, parameters?: unknown[]) => Promise<unknown>,
  from: string,
  to: string,
): Promise<void> {
  const columns = (await query(
    "SELECT c.TABLE_NAME AS t, c.COLUMN_NAME AS c FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE' WHERE c.TABLE_SCHEMA = ? AND c.EXTRA NOT LIKE '%GENERATED%' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
    [from],
  )) as { t: string; c: string }[];
  for (const table of new Set(columns.map((r) => r.t))) {
    const list = columns
      .filter((r) => r.t === table)
      .map((r) => `\`${r.c}\``)
      .join(', ');
    await query(`CREATE TABLE \`${to}\`.\`${table}\` LIKE \`${from}\`.\`${table}\``);
    await query(`INSERT INTO \`${to}\`.\`${table}\` (${list}) SELECT ${list} FROM \`${from}\`.\`${table}\``);
  }
}

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
  const [templates] = (await admin.query(
    'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [TEMPLATE_DATABASE],
  )) as [unknown[], unknown];
  if (templates.length > 0)
    await cloneDatabase(
      async (sql, parameters) => (await admin.query(sql, parameters))[0],
      TEMPLATE_DATABASE,
      name,
    );
  const url = `mysql://${base.username || 'root'}@${base.hostname}:${base.port}/${name}`;
  const dataSource = createDataSource({ url, poolSize: 4 });
  await dataSource.initialize();
  await migrate(dataSource); // without a template, every migration; with one, none (it is up to date)
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
 * A fresh database holding exactly the rows of the run's seeded database: migrated as freshDatabase does,
 * then filled by copySeed. For tests that need the curated seed as their starting point and may write.
 */
export async function seededDatabase(name: string): ReturnType<typeof freshDatabase> {
  const fresh = await freshDatabase(name);
  try {
    await copySeed(fresh.dataSource);
  } catch (error) {
    await fresh.drop();
    throw error;
  }
  return fresh;
}

/**
 * Fills a migrated, empty database with every stored column of every table of the run's seeded database,
 * in one transaction, and brings its statistics up to date as the ingest leaves them. Copying rows takes
 * a fraction of a second, where ingesting the seed again parses, checks and derives everything anew; the
 * tests of the ingest itself load the seed through it. On the run's own server the rows are copied by
 * the server (INSERT ... SELECT); on another server (a test that stops its database) they pass through
 * here, as the strings the server sent.
 */
export async function copySeed(target: DataSource): Promise<void> {
  const seeded = new URL(testState().databaseUrl);
  const source = seeded.pathname.slice(1);
  const columns = (await target.query(
    "SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND EXTRA NOT LIKE '%GENERATED%' ORDER BY TABLE_NAME, ORDINAL_POSITION",
  )) as { t: string; c: string }[];
  const tables = [...new Set(columns.map((r) => r.t))];
  const listOf = (table: string) =>
    columns
      .filter((r) => r.t === table)
      .map((r) => `\`${r.c}\``)
      .join(', ');
  const options = target.options as { url?: string; host?: string; port?: number };
  const at = options.url ? new URL(options.url) : { hostname: options.host, port: options.port };
  const sameServer = at.hostname === seeded.hostname && Number(at.port) === Number(seeded.port);
  const reader = sameServer
    ? undefined
    : await mysql.createConnection({
        host: seeded.hostname,
        port: Number(seeded.port),
        user: seeded.username || 'root',
        database: source,
        // values as the server writes them, so they are inserted unchanged (no time zone, no rounding)
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
        rowsAsArray: true,
      });
  const runner = target.createQueryRunner();
  try {
    // READ COMMITTED: INSERT ... SELECT then reads the seeded tables without locking every row it copies,
    // which on a busy server with a small buffer pool exceeds the lock table ("total number of locks")
    await runner.startTransaction('READ COMMITTED');
    for (const table of tables) {
      const list = listOf(table);
      await runner.query(`DELETE FROM \`${table}\``); // the migration's own bookkeeping rows
      if (!reader) {
        await runner.query(
          `INSERT INTO \`${table}\` (${list}) SELECT ${list} FROM \`${source}\`.\`${table}\``,
        );
        continue;
      }
      const [rows] = (await reader.query(`SELECT ${list} FROM \`${table}\``)) as unknown as [unknown[][]];
      const width = list.split(', ').length;
      // at most 65,535 placeholders per statement, and well under the server's packet limit
      const batch = Math.max(1, Math.floor(Math.min(60_000 / width, 500)));
      for (let i = 0; i < rows.length; i += batch) {
        const chunk = rows.slice(i, i + batch);
        const row = `(${Array(width).fill('?').join(', ')})`;
        await runner.query(
          `INSERT INTO \`${table}\` (${list}) VALUES ${chunk.map(() => row).join(', ')}`,
          chunk.flat(),
        );
      }
    }
    await runner.commitTransaction();
    await runner.query(`ANALYZE TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
    await reader?.end();
  }
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
