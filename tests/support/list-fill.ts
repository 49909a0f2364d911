/**
 * A quick synthetic fill for plan tests: `size` rows in each large table (countries, memberships,
 * agreements, parties, events, participants, figures, citations), half that many people and projects and
 * a tenth in the others, made by
 * INSERT … SELECT from MariaDB's sequence engine. Every id starts with "zz-". A few parents are large on
 * purpose: one organization has half the memberships, one document half the citations, one event half the
 * parts, so a nested list that read its parent's rows instead of a page would show it.
 */
import type { DataSource } from 'typeorm';
import { refreshDerivedData } from '../../src/ingest/derived-data';

/** A partial date of every precision, unknown and missing included, spread over 1800-2099. */
const partialDate = (n: string) =>
  `ELT(1 + ${n} % 6, LPAD(1800 + ${n} % 300, 4, '0'), CONCAT(1800 + ${n} % 300, '-', LPAD(1 + ${n} % 12, 2, '0')), CONCAT(1800 + ${n} % 300, '-', LPAD(1 + ${n} % 12, 2, '0'), '-', LPAD(1 + ${n} % 28, 2, '0')), 'unknown', NULL, CONCAT(1800 + ${n} % 300, '-02'))`;
/** A name that does not follow the id order. */
const name = (prefix: string, n: string) => `CONCAT('${prefix} ', LEFT(MD5(${n}), 8))`;

export const LARGE_PARENTS = {
  organization: 'zz-o1',
  document: 'zz-d1',
  event: 'zz-e1',
  country: 'zz-c1',
} as const;

export async function fillLists(dataSource: DataSource, size: number): Promise<void> {
  const small = Math.max(10, Math.floor(size / 10));
  const half = Math.max(10, Math.floor(size / 2));
  const seq = (n: number) => `seq_1_to_${n}`;
  const statements = [
    `INSERT INTO country (id, name, region, recognition, historical, independence)
      SELECT CONCAT('zz-c', seq), ${name('Country', 'seq')}, ELT(1 + seq % 4, 'Central Asia', 'Europe', 'South Caucasus', 'East Asia'),
        IF(seq % 50 = 0, 'PARTIALLY_RECOGNIZED', NULL), seq % 20 = 0, ${partialDate('seq')} FROM ${seq(size)}`,
    `INSERT INTO organization (id, name, kind, founded, parent_id)
      SELECT CONCAT('zz-o', seq), ${name('Organization', 'seq')}, ELT(1 + seq % 3, 'INTERGOVERNMENTAL', 'BANK', 'AGENCY'),
        ${partialDate('seq')}, IF(seq > 1, 'zz-o1', NULL) FROM ${seq(small)}`,
    // half the memberships in zz-o1; every country belongs to one organization
    `INSERT INTO membership (id, member_id, member_type, organization_id, status, since)
      SELECT CONCAT('zz-m', seq), CONCAT('zz-c', seq), 'Country', IF(seq % 2 = 0, 'zz-o1', CONCAT('zz-o', 1 + seq % ${small})),
        ELT(1 + seq % 3, 'MEMBER', 'FOUNDING_MEMBER', 'OBSERVER'), ${partialDate('seq')} FROM ${seq(size)}`,
    `INSERT INTO event (id, name, kind, start, \`end\`, city, country_id, part_of_id)
      SELECT CONCAT('zz-e', seq), ${name('Event', 'seq')}, ELT(1 + seq % 3, 'SUMMIT', 'FORUM', 'STATE_VISIT'), ${partialDate('seq')},
        IF(seq % 7 = 0, IF(seq % 5 = 0, 'unknown', CONCAT(1800 + seq % 300 + seq % 2, '-12')), NULL), ELT(1 + seq % 3, 'Astana', 'Baku', 'Samarkand'), CONCAT('zz-c', 1 + seq % 100),
        IF(seq % 2 = 0, 'zz-e1', NULL) FROM ${seq(size)}`,
    `INSERT INTO agreement (id, name, kind, status, signed, event_id)
      SELECT CONCAT('zz-a', seq), ${name('Agreement', 'seq')}, ELT(1 + seq % 3, 'TREATY', 'DECLARATION', 'MEMORANDUM'),
        ELT(1 + seq % 2, 'SIGNED', 'IN_FORCE'), ${partialDate('seq')}, CONCAT('zz-e', 1 + seq % 100) FROM ${seq(size)}`,
    `INSERT INTO agreement_party (id, agreement_id, party_id, party_type, role)
      SELECT CONCAT('zz-ap', seq), CONCAT('zz-a', seq), CONCAT('zz-c', 1 + seq % 100), 'Country', 'SIGNATORY' FROM ${seq(size)}`,
    `INSERT INTO event_participant (id, event_id, participant_id, participant_type, role)
      SELECT CONCAT('zz-ep', seq), CONCAT('zz-e', seq), CONCAT('zz-c', 1 + seq % 100), 'Country', ELT(1 + seq % 3, 'HOST', 'ATTENDEE', 'CHAIR') FROM ${seq(size)}`,
    `INSERT INTO person (id, name, nationality_id)
      SELECT CONCAT('zz-p', seq), ${name('Person', 'seq')}, CONCAT('zz-c', 1 + seq % 100) FROM ${seq(half)}`,
    `INSERT INTO \`position\` (id, person_id, title, of_id, of_type, since)
      SELECT CONCAT('zz-pos', seq), CONCAT('zz-p', 1 + seq % 10), 'Minister', CONCAT('zz-c', 1 + seq % 10), 'Country', ${partialDate('seq')} FROM ${seq(small)}`,
    `INSERT INTO project (id, name, kind, status)
      SELECT CONCAT('zz-pr', seq), ${name('Project', 'seq')}, ELT(1 + seq % 2, 'RAILWAY', 'PORT'), ELT(1 + seq % 2, 'PLANNED', 'OPERATIONAL') FROM ${seq(half)}`,
    `INSERT INTO project_participant (id, project_id, participant_id, participant_type, role)
      SELECT CONCAT('zz-pp', seq), CONCAT('zz-pr', seq), CONCAT('zz-c', 1 + seq % 10), 'Country', 'PARTNER' FROM ${seq(small)}`,
    `INSERT INTO figure (id, subject_id, subject_type, counterpart_id, counterpart_type, metric, value, period)
      SELECT CONCAT('zz-f', seq), CONCAT('zz-c', 1 + seq % 100), 'Country', IF(seq % 3 = 0, NULL, CONCAT('zz-c', 1 + (seq * 7 + 3) % 100)), 'Country',
        ELT(1 + seq % 2, 'TRADE_TURNOVER', 'EXPORTS'), seq * 1000, ${partialDate('seq')} FROM ${seq(size)}`,
    `INSERT INTO document (id, title, publisher, kind, language, quality_notes, seed_hash, published)
      SELECT CONCAT('zz-d', seq), ${name('Document', 'seq')}, ELT(1 + seq % 2, 'Agency A', 'Agency B'), 'REPORT', 'en', '[]', REPEAT('0', 64), ${partialDate('seq')} FROM ${seq(small)}`,
    `INSERT INTO citation (id, claim_id, document_id, quote, span_start, span_end, position)
      SELECT CONCAT('zz-ci', seq), 'zz-claim', IF(seq % 2 = 0, 'zz-d1', CONCAT('zz-d', 1 + seq % ${small})), 'a quote', seq % 100000, seq % 100000 + 7, 1 FROM ${seq(size)}`,
  ];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    for (const sql of statements) await runner.query(sql);
    await refreshDerivedData(runner, 'all');
    await runner.query(
      'ANALYZE TABLE country, organization, membership, event, agreement, agreement_party, event_participant, person, `position`, project, project_participant, figure, document, citation',
    );
  } finally {
    await runner.release();
  }
}
