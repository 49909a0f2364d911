import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revisions and the change feed (src/revisions/):
 * - `revision`: one row per ingest that changed anything, numbered by the data version it brought the data
 *   to (src/cache/data-version.ts), with its time, what loaded it and its counts of claims;
 * - `revision_document`: the documents each revision loaded, by revision (`id` is the document's id, the
 *   column lists page by);
 * - `entity_change`: per entity, the last revision that changed its claims (or removed it), read by
 *   `changes(since:)` as one range of (revision, id);
 * - `claim.first_revision` and `claim.last_changed_revision`.
 * A database that already holds data gets a baseline revision at the current data version, so every claim
 * and every entity has one and a client can start syncing from it.
 */
export class Revisions1764700001000 implements MigrationInterface {
  name = 'Revisions1764700001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await queryRunner.query(statement);
    await queryRunner.query(
      'ALTER TABLE `claim` ADD COLUMN `first_revision` BIGINT UNSIGNED NULL, ADD COLUMN `last_changed_revision` BIGINT UNSIGNED NULL',
    );
    const [any] = (await queryRunner.query('SELECT 1 AS found FROM `entity` LIMIT 1')) as unknown[];
    if (!any) return;
    const [row] = (await queryRunner.query('SELECT version FROM data_version WHERE id = 1')) as {
      version: string | number;
    }[];
    const baseline = Number(row?.version ?? 1);
    await queryRunner.query(
      `INSERT INTO \`revision\` (id, created_at, source, documents, claims_added, claims_changed, claims_deprecated, claims_removed, entities_changed)
       SELECT ?, UTC_TIMESTAMP(3), 'BASELINE', (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM claim), 0, 0, 0, (SELECT COUNT(*) FROM entity)`,
      [baseline],
    );
    await queryRunner.query('INSERT INTO `revision_document` (revision_id, id) SELECT ?, id FROM document', [
      baseline,
    ]);
    await queryRunner.query('UPDATE `claim` SET first_revision = ?, last_changed_revision = ?', [
      baseline,
      baseline,
    ]);
    await queryRunner.query(
      'INSERT INTO `entity_change` (id, type, revision_id, removed) SELECT id, type, ?, 0 FROM entity',
      [baseline],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `claim` DROP COLUMN `last_changed_revision`, DROP COLUMN `first_revision`',
    );
    for (const table of ['entity_change', 'revision_document', 'revision'])
      await queryRunner.query(`DROP TABLE \`${table}\``);
  }
}

const TABLES = [
  `    CREATE TABLE \`revision\` (
      \`id\` BIGINT UNSIGNED NOT NULL,
      \`created_at\` DATETIME(3) NOT NULL,
      \`source\` VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`documents\` INT NOT NULL,
      \`claims_added\` INT NOT NULL,
      \`claims_changed\` INT NOT NULL,
      \`claims_deprecated\` INT NOT NULL,
      \`claims_removed\` INT NOT NULL,
      \`entities_changed\` INT NOT NULL,
      PRIMARY KEY (\`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`revision_document\` (
      \`revision_id\` BIGINT UNSIGNED NOT NULL,
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      PRIMARY KEY (\`revision_id\`, \`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`entity_change\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`type\` VARCHAR(32) NOT NULL,
      \`revision_id\` BIGINT UNSIGNED NOT NULL,
      \`removed\` TINYINT(1) NOT NULL DEFAULT 0,
      PRIMARY KEY (\`id\`),
      KEY \`ix_entity_change_revision\` (\`revision_id\`, \`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];
