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

/** CHECKSUM TABLE of every table: equal checksums mean byte-for-byte equal contents. */
export async function tableChecksums(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = (await dataSource.query('SHOW TABLES')) as Record<string, string>[];
  const names = tables.map((t) => Object.values(t)[0]!).sort();
  const rows = (await dataSource.query(
    `CHECKSUM TABLE ${names.map((n) => `\`${n}\``).join(', ')} EXTENDED`,
  )) as { Table: string; Checksum: string }[];
  return Object.fromEntries(rows.map((r) => [r.Table.split('.').pop()!, String(r.Checksum)]));
}
