/**
 * What a large synthetic load changes for its duration, written down in the database before it changes it,
 * so that a load killed half-way (claims and citations without their primary key, secondary indexes gone,
 * server settings raised) is put right by the next load or by `--remove`. The record is a table of its own,
 * created when a load starts changing things and dropped once everything is back.
 */
import type { DataSource } from 'typeorm';

const TABLE = 'synthetic_load_pending';

/** An index dropped for the load, as SHOW CREATE TABLE prints it (ready for ALTER TABLE ... ADD). */
export interface PendingIndex {
  table: string;
  /** `PRIMARY` for the primary key. */
  name: string;
  definition: string;
}

/** A server setting changed for the load, with the value to put back. */
export interface PendingSetting {
  name: string;
  before: number;
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

export class LoadRecord {
  private created = false;

  constructor(private readonly query: Query) {}

  private async ensure(): Promise<void> {
    if (this.created) return;
    await this.query(
      `CREATE TABLE IF NOT EXISTS \`${TABLE}\` (
         seq INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
         kind VARCHAR(16) NOT NULL,
         table_name VARCHAR(64) NULL,
         name VARCHAR(64) NOT NULL,
         definition TEXT NULL,
         before_value BIGINT NULL
       ) ENGINE=InnoDB`,
    );
    this.created = true;
  }

  /** Notes an index before it is dropped. */
  async index(index: PendingIndex): Promise<void> {
    await this.ensure();
    await this.query(
      `INSERT INTO \`${TABLE}\` (kind, table_name, name, definition) VALUES ('index', ?, ?, ?)`,
      [index.table, index.name, index.definition],
    );
  }

  /** Notes a global setting's value before it is changed. */
  async setting(setting: PendingSetting): Promise<void> {
    await this.ensure();
    await this.query(`INSERT INTO \`${TABLE}\` (kind, name, before_value) VALUES ('setting', ?, ?)`, [
      setting.name,
      setting.before,
    ]);
  }

  /** Everything is back: forgets the record. */
  async clear(): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS \`${TABLE}\``);
    this.created = false;
  }
}

/** What an earlier load left to put back, or undefined when no load was interrupted. */
export async function readPending(
  dataSource: DataSource,
): Promise<{ indexes: PendingIndex[]; settings: PendingSetting[] } | undefined> {
  const [exists] = (await dataSource.query(
    'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    [TABLE],
  )) as { n: string | number }[];
  if (Number(exists?.n ?? 0) === 0) return undefined;
  const rows = (await dataSource.query(
    `SELECT kind, table_name, name, definition, before_value FROM \`${TABLE}\` ORDER BY seq`,
  )) as {
    kind: string;
    table_name: string | null;
    name: string;
    definition: string | null;
    before_value: string | number | null;
  }[];
  return {
    indexes: rows
      .filter((r) => r.kind === 'index')
      .map((r) => ({ table: r.table_name!, name: r.name, definition: r.definition! })),
    // the first value noted for a setting is the one from before any load changed it
    settings: rows
      .filter((r) => r.kind === 'setting')
      .filter((r, i, all) => all.findIndex((o) => o.kind === 'setting' && o.name === r.name) === i)
      .map((r) => ({ name: r.name, before: Number(r.before_value) })),
  };
}

/** The indexes of `indexes` that the database does not have (any more). */
export async function missingIndexes(
  dataSource: DataSource,
  indexes: PendingIndex[],
): Promise<PendingIndex[]> {
  if (indexes.length === 0) return [];
  const present = (await dataSource.query(
    `SELECT DISTINCT TABLE_NAME AS t, INDEX_NAME AS i FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)`,
    [[...new Set(indexes.map((i) => i.table))]],
  )) as { t: string; i: string }[];
  const have = new Set(present.map((p) => `${p.t}.${p.i}`));
  return indexes.filter((i) => !have.has(`${i.table}.${i.name}`));
}
