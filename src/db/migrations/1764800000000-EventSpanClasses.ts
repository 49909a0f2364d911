import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LIST_INDEXES, listColumns } from '../list-columns';

const NEW_COLUMNS = ['span_days', 'span_class'];
const NEW_INDEXES = [
  'ix_event_span_class_start',
  'ix_event_span_class_start_desc',
  'ix_event_span_class_days',
];

/**
 * Events get span classes (db/list-columns.ts, SPAN_CLASSES) in place of `span_years`, so a date-range
 * filter reads each class from the earliest start that can still reach the range instead of reading every
 * event of the year before it. A database created after this change already has them from the list-keys
 * migration, which builds the columns from the same table: then there is nothing to do.
 */
export class EventSpanClasses1764800000000 implements MigrationInterface {
  name = 'EventSpanClasses1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (await hasColumn(queryRunner, 'span_class')) return;
    const columns = listColumns('event').filter((c) => NEW_COLUMNS.includes(c.name));
    const indexes = LIST_INDEXES.event!.filter((ix) => NEW_INDEXES.includes(ix.name));
    await queryRunner.query(
      `ALTER TABLE \`event\` DROP INDEX \`ix_event_span_years\`, DROP COLUMN \`span_years\`, ${[
        ...columns.map(
          (c) => `ADD COLUMN \`${c.name}\` ${c.type} GENERATED ALWAYS AS (${c.generated}) STORED`,
        ),
        ...indexes.map((ix) => `ADD INDEX \`${ix.name}\` (${ix.columns.map((c) => `\`${c}\``).join(', ')})`),
      ].join(', ')}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`event\` ${NEW_INDEXES.map((ix) => `DROP INDEX \`${ix}\``).join(', ')}, ${NEW_COLUMNS.map((c) => `DROP COLUMN \`${c}\``).join(', ')}, ` +
        "ADD COLUMN `span_years` INT GENERATED ALWAYS AS (IF(`start` IS NULL OR `start` = 'unknown' OR `end` = 'unknown', NULL, CAST(LEFT(COALESCE(`end`, `start`), 4) AS SIGNED) - CAST(LEFT(`start`, 4) AS SIGNED))) STORED, " +
        'ADD INDEX `ix_event_span_years` (`span_years`)',
    );
  }
}

async function hasColumn(queryRunner: QueryRunner, column: string): Promise<boolean> {
  const rows = (await queryRunner.query(
    "SELECT 1 AS found FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'event' AND COLUMN_NAME = ?",
    [column],
  )) as unknown[];
  return rows.length > 0;
}
