import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshListSortKeys } from '../../ingest/list-sort-keys';
import {
  LIST_INDEXES,
  listColumns,
  REPLACED_INDEXES,
  type ListColumn,
  type ListIndex,
} from '../list-columns';

/**
 * The stored sort keys, date bounds and indexes that let every list read about one page of rows
 * (see db/list-columns.ts). Generated columns are written as `GENERATED ALWAYS AS (…) STORED`, which
 * MariaDB (where STORED means PERSISTENT) and MySQL 8 both accept. The maintained sort keys start empty;
 * the ingest fills them (ingest/list-sort-keys.ts), and this migration fills them for rows already stored.
 */
export class ListKeys1764600000000 implements MigrationInterface {
  name = 'ListKeys1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const parts = [
        ...listColumns(table).map((c) => `ADD COLUMN ${columnSql(c)}`),
        ...(REPLACED_INDEXES[table] ?? []).map((ix) => `DROP INDEX \`${ix.name}\``),
        ...(LIST_INDEXES[table] ?? []).map((ix) => `ADD INDEX \`${ix.name}\` (${columnList(ix)})`),
      ];
      await queryRunner.query(`ALTER TABLE \`${table}\` ${parts.join(', ')}`);
    }
    // rows loaded before this migration get their maintained keys now; later loads refresh their own
    await refreshListSortKeys(queryRunner, 'all');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      const parts = [
        ...(LIST_INDEXES[table] ?? []).map((ix) => `DROP INDEX \`${ix.name}\``),
        ...listColumns(table)
          .reverse()
          .map((c) => `DROP COLUMN \`${c.name}\``),
        ...(REPLACED_INDEXES[table] ?? []).map((ix) => `ADD INDEX \`${ix.name}\` (${columnList(ix)})`),
      ];
      await queryRunner.query(`ALTER TABLE \`${table}\` ${parts.join(', ')}`);
    }
  }
}

const TABLES = [
  'document',
  'citation',
  'country',
  'organization',
  'membership',
  'agreement',
  'agreement_party',
  'event',
  'event_participant',
  'person',
  'position',
  'project',
  'project_participant',
  'figure',
];

function columnSql(c: ListColumn): string {
  return c.generated
    ? `\`${c.name}\` ${c.type} GENERATED ALWAYS AS (${c.generated}) STORED`
    : `\`${c.name}\` ${c.type} NULL`;
}

const columnList = (ix: ListIndex) => ix.columns.map((c) => `\`${c}\``).join(', ');
