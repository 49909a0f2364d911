import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MAX_TERM_LENGTH, TEXT_TERM_REFRESHER } from '../../discovery/text-terms';

/**
 * `text_term`: how many rows of each full-text source (entity prose, quotes) hold each word, kept by the
 * ingest (src/discovery/text-terms.ts), so that search leaves words too common to be worth reading out of a
 * full-text match. The term compares as the full-text index does: case- and accent-blind.
 */
export class TextTerms1764900000000 implements MigrationInterface {
  name = 'TextTerms1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // MariaDB commits a CREATE TABLE at once: a run that failed later, while counting, left the table behind
    await queryRunner.query('DROP TABLE IF EXISTS `text_term`');
    await queryRunner.query(
      `CREATE TABLE \`text_term\` (
        \`source\` VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        \`term\` VARCHAR(${MAX_TERM_LENGTH}) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
        \`occurrences\` INT UNSIGNED NOT NULL,
        PRIMARY KEY (\`source\`, \`term\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    // a database loaded before this migration gets its counts now; later loads keep them
    await TEXT_TERM_REFRESHER.refresh(queryRunner, 'all');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `text_term`');
  }
}
