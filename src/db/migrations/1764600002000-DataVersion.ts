import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row counting the ingests that changed anything. Every response cache keys on it, so an answer from
 * before an ingest is never served after it, by this replica or any other (src/cache/data-version.ts).
 */
export class DataVersion1764600002000 implements MigrationInterface {
  name = 'DataVersion1764600002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`data_version\` (
        \`id\` TINYINT UNSIGNED NOT NULL,
        \`version\` BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB`,
    );
    await queryRunner.query('INSERT INTO `data_version` (`id`, `version`) VALUES (1, 1)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `data_version`');
  }
}
