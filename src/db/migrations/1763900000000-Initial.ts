import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole knowledge model: provenance (documents, claims, citations, the entity registry and the name
 * index) and one table per entity type holding each entity's plain values, derived from its claims.
 * Ids and partial dates are ASCII with binary collation: slugs compare exactly, and ISO partial dates
 * ("2025" < "2025-04" < "2025-04-03") sort as text.
 */
export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'figure',
      'project_participant',
      'project',
      'position',
      'person',
      'event_participant',
      'event',
      'agreement_party',
      'agreement',
      'membership',
      'organization',
      'country',
      'citation',
      'claim',
      'entity_name',
      'entity',
      'document',
    ]) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}

const TABLES = [
  `    CREATE TABLE \`document\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`title\` VARCHAR(500) NOT NULL,
      \`publisher\` VARCHAR(300) NULL,
      \`author\` VARCHAR(300) NULL,
      \`url\` VARCHAR(1000) NULL,
      \`published\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`published_note\` TEXT NULL,
      \`kind\` VARCHAR(32) NOT NULL,
      \`language\` VARCHAR(16) NULL,
      \`quality_notes\` TEXT NOT NULL,
      \`source_file\` VARCHAR(300) NULL,
      \`text_hash\` CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`text\` MEDIUMTEXT NULL,
      \`seed_hash\` CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      PRIMARY KEY (\`id\`),
      FULLTEXT KEY \`ft_document\` (\`title\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`entity\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`type\` VARCHAR(32) NOT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_entity_type\` (\`type\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`entity_name\` (
      \`entity_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entity_type\` VARCHAR(32) NOT NULL,
      \`kind\` VARCHAR(16) NOT NULL,
      \`name\` VARCHAR(300) NOT NULL,
      \`name_key\` VARCHAR(300) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      \`valid_from\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`valid_to\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`entity_id\`, \`kind\`, \`name_key\`),
      KEY \`ix_entity_name_key\` (\`entity_type\`, \`name_key\`),
      FULLTEXT KEY \`ft_entity_name\` (\`name\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`claim\` (
      \`id\` CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`subject_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`subject_type\` VARCHAR(32) NOT NULL,
      \`field\` VARCHAR(40) NOT NULL,
      \`value\` TEXT NULL,
      \`value_ref\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`rank\` VARCHAR(12) NOT NULL,
      \`valid_from\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`valid_to\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`inferred\` TINYINT(1) NOT NULL DEFAULT 0,
      \`note\` TEXT NULL,
      \`position\` INT NOT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_claim_subject\` (\`subject_id\`, \`field\`),
      KEY \`ix_claim_value_ref\` (\`value_ref\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`citation\` (
      \`id\` CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`claim_id\` CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`document_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`quote\` TEXT NOT NULL,
      \`span_start\` INT NULL,
      \`span_end\` INT NULL,
      \`note\` TEXT NULL,
      \`position\` INT NOT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_citation_claim\` (\`claim_id\`),
      KEY \`ix_citation_document\` (\`document_id\`),
      FULLTEXT KEY \`ft_citation_quote\` (\`quote\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`country\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`official_name\` VARCHAR(300) NULL,
      \`iso2\` VARCHAR(300) NULL,
      \`iso3\` VARCHAR(300) NULL,
      \`capital\` VARCHAR(300) NULL,
      \`region\` VARCHAR(300) NULL,
      \`recognition\` VARCHAR(32) NULL,
      \`historical\` TINYINT(1) NOT NULL DEFAULT 0,
      \`independence\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`dissolved\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_country_recognition\` (\`recognition\`),
      KEY \`ix_country_name\` (\`name\`),
      KEY \`ix_country_iso2\` (\`iso2\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`organization\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`acronym\` VARCHAR(300) NULL,
      \`kind\` VARCHAR(32) NULL,
      \`founded\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`headquarters\` VARCHAR(300) NULL,
      \`parent_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`summary\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_organization_kind\` (\`kind\`),
      KEY \`ix_organization_parent_id\` (\`parent_id\`),
      KEY \`ix_organization_name\` (\`name\`),
      FULLTEXT KEY \`ft_organization\` (\`summary\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`membership\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`member_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`member_type\` VARCHAR(32) NULL,
      \`organization_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`status\` VARCHAR(32) NULL,
      \`since\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`until\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_membership_member_id\` (\`member_id\`),
      KEY \`ix_membership_organization_id\` (\`organization_id\`),
      KEY \`ix_membership_status\` (\`status\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`agreement\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`kind\` VARCHAR(32) NULL,
      \`status\` VARCHAR(32) NULL,
      \`signed\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`ratified\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`in_force\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`place\` VARCHAR(300) NULL,
      \`place_country_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`event_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`summary\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_agreement_kind\` (\`kind\`),
      KEY \`ix_agreement_status\` (\`status\`),
      KEY \`ix_agreement_place_country_id\` (\`place_country_id\`),
      KEY \`ix_agreement_event_id\` (\`event_id\`),
      KEY \`ix_agreement_name\` (\`name\`),
      FULLTEXT KEY \`ft_agreement\` (\`summary\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`agreement_party\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`agreement_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`party_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`party_type\` VARCHAR(32) NULL,
      \`role\` VARCHAR(32) NULL,
      \`date\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_agreement_party_agreement_id\` (\`agreement_id\`),
      KEY \`ix_agreement_party_party_id\` (\`party_id\`),
      KEY \`ix_agreement_party_role\` (\`role\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`event\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`kind\` VARCHAR(32) NULL,
      \`start\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`end\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`city\` VARCHAR(300) NULL,
      \`country_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`part_of_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`summary\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_event_kind\` (\`kind\`),
      KEY \`ix_event_country_id\` (\`country_id\`),
      KEY \`ix_event_part_of_id\` (\`part_of_id\`),
      KEY \`ix_event_name\` (\`name\`),
      FULLTEXT KEY \`ft_event\` (\`summary\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`event_participant\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`event_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`participant_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`participant_type\` VARCHAR(32) NULL,
      \`role\` VARCHAR(32) NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_event_participant_event_id\` (\`event_id\`),
      KEY \`ix_event_participant_participant_id\` (\`participant_id\`),
      KEY \`ix_event_participant_role\` (\`role\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`person\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`nationality_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_person_nationality_id\` (\`nationality_id\`),
      KEY \`ix_person_name\` (\`name\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`position\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`person_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`title\` VARCHAR(300) NULL,
      \`of_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`of_type\` VARCHAR(32) NULL,
      \`since\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`until\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_position_person_id\` (\`person_id\`),
      KEY \`ix_position_of_id\` (\`of_id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`project\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`name\` VARCHAR(300) NULL,
      \`kind\` VARCHAR(32) NULL,
      \`status\` VARCHAR(32) NULL,
      \`summary\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_project_kind\` (\`kind\`),
      KEY \`ix_project_status\` (\`status\`),
      KEY \`ix_project_name\` (\`name\`),
      FULLTEXT KEY \`ft_project\` (\`summary\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`project_participant\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`project_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`participant_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`participant_type\` VARCHAR(32) NULL,
      \`role\` VARCHAR(32) NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_project_participant_project_id\` (\`project_id\`),
      KEY \`ix_project_participant_participant_id\` (\`participant_id\`),
      KEY \`ix_project_participant_role\` (\`role\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `    CREATE TABLE \`figure\` (
      \`id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` VARCHAR(12) NOT NULL DEFAULT 'NORMAL',
      \`subject_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`subject_type\` VARCHAR(32) NULL,
      \`counterpart_id\` VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`counterpart_type\` VARCHAR(32) NULL,
      \`metric\` VARCHAR(32) NULL,
      \`value\` DECIMAL(24,4) NULL,
      \`unit\` VARCHAR(300) NULL,
      \`period\` VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`qualifier\` VARCHAR(32) NULL,
      \`as_stated\` VARCHAR(300) NULL,
      \`description\` TEXT NULL,
      PRIMARY KEY (\`id\`),
      KEY \`ix_figure_subject_id\` (\`subject_id\`),
      KEY \`ix_figure_counterpart_id\` (\`counterpart_id\`),
      KEY \`ix_figure_metric\` (\`metric\`),
      KEY \`ix_figure_qualifier\` (\`qualifier\`),
      FULLTEXT KEY \`ft_figure\` (\`description\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];
