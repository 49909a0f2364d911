import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NAME_TOKEN_REFRESHER } from '../../discovery/name-index';
import { TIMELINE_REFRESHER } from '../../discovery/timeline-index';

/**
 * Tables that search and the timeline read at scale, written by the ingest (src/discovery/*-index.ts):
 * - `timeline_entry`: one row per event or agreement for the whole timeline (participant_id '') and one per
 *   participant or party, keyed by (participant, sort key, id), so a page is an index range read in order;
 * - `timeline_count`: how many entries each of those timelines holds, for exact counts and for choosing
 *   the smallest timeline to drive an intersection;
 * - `name_token`: every word of every folded name, shortest names first, for word matches in search;
 * - indexes that let `relations` look up the other side of a pair directly (membership, project
 *   participant, figure), instead of reading every row of the shared organization or project.
 */
export class Discovery1764600001000 implements MigrationInterface {
  name = 'Discovery1764600001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await queryRunner.query(statement);
    for (const [table, index, columns] of INDEXES)
      await queryRunner.query(`CREATE INDEX \`${index}\` ON \`${table}\` (${columns})`);
    // a database loaded before this migration gets its rows now; later loads keep them
    await TIMELINE_REFRESHER.refresh(queryRunner, 'all');
    await NAME_TOKEN_REFRESHER.refresh(queryRunner, 'all');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await queryRunner.query(`DROP INDEX \`${index}\` ON \`${table}\``);
    for (const table of ['name_token', 'timeline_count', 'timeline_entry'])
      await queryRunner.query(`DROP TABLE \`${table}\``);
  }
}

const TABLES = [
  `    CREATE TABLE \`timeline_entry\` (
      \`participant_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`sort_key\` VARCHAR(30) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_type\` VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`via_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`date\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`earliest\` CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`latest\` CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`kind\` VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`participant_id\`, \`sort_key\`, \`entry_id\`),
      KEY \`ix_timeline_entry_entry\` (\`entry_id\`),
      KEY \`ix_timeline_entry_via\` (\`via_id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`timeline_count\` (
      \`participant_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entries\` INT NOT NULL,
      PRIMARY KEY (\`participant_id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`name_token\` (
      \`token\` VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      \`name_tokens\` SMALLINT NOT NULL,
      \`entity_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entity_type\` VARCHAR(32) NOT NULL,
      \`kind\` VARCHAR(16) NOT NULL,
      \`name_key\` VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      PRIMARY KEY (\`token\`, \`name_tokens\`, \`entity_id\`, \`kind\`, \`name_key\`),
      KEY \`ix_name_token_entity\` (\`entity_id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];

const INDEXES = [
  ['membership', 'ix_membership_member_organization', '`member_id`, `organization_id`'],
  ['project_participant', 'ix_project_participant_participant_project', '`participant_id`, `project_id`'],
  ['figure', 'ix_figure_subject_counterpart', '`subject_id`, `counterpart_id`'],
] as const;
