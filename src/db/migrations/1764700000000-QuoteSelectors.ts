import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The context of every quote, for its W3C TextQuoteSelector: up to 32 code points of the normalised text
 * before and after it (utf8mb4 VARCHAR lengths count code points). Stored with the citation so the
 * selector is served when the document's text is not held. Rows written before this migration get their
 * context when their document is next loaded (the curated files carry it, so a start reloads them).
 */
export class QuoteSelectors1764700000000 implements MigrationInterface {
  name = 'QuoteSelectors1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`citation\`
         ADD COLUMN \`quote_prefix\` VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
         ADD COLUMN \`quote_suffix\` VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `citation` DROP COLUMN `quote_suffix`, DROP COLUMN `quote_prefix`');
  }
}
