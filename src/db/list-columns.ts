/**
 * The columns and indexes that lists read, so that every page is an index range of about one page of rows.
 *
 * - Every partial-date column `<c>` gets stored generated columns (so every writer gets them for free):
 *   `<c>_earliest` and `<c>_latest`, the first and last day it may mean ("2025-04" is 2025-04-01 to
 *   2025-04-30), which date filters compare; `<c>_sort`, a fixed-width key that puts a year just before
 *   the days it contains ("2025" is "2025-00-00") with unknown or missing last; and `<c>_sort_desc`, the same
 *   key with unknown or missing first, read backwards for descending lists that keep unknown last.
 * - A few same-row keys are generated too; keys that need another table's values (a membership sorted by
 *   the organization's name) are plain columns that the ingest maintains (ingest/list-sort-keys.ts).
 *
 * Migrations create these from here; db/entities.ts declares them from here; a test checks both agree.
 */
import { ENTITY_TYPES } from '../provenance/entity-types';

export interface ListColumn {
  name: string;
  /** The SQL type, with its character set where it matters. */
  type: string;
  /** For generated columns: the expression, stored (MariaDB's PERSISTENT, MySQL's STORED). */
  generated?: string;
  /** For maintained columns: what keeps them ("the ingest's list sort keys"). */
  maintained?: boolean;
}

export interface ListIndex {
  name: string;
  columns: string[];
}

const DATE = 'VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin';
const KEY = 'VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';

const known = (c: string) => `${c} IS NOT NULL AND ${c} <> 'unknown'`;
const year = (c: string) => `CAST(LEFT(${c}, 4) AS SIGNED)`;
const leap = (c: string) =>
  `(MOD(${year(c)}, 4) = 0 AND (MOD(${year(c)}, 100) <> 0 OR MOD(${year(c)}, 400) = 0))`;
const monthDays = (c: string) =>
  `(CASE SUBSTRING(${c}, 6, 2) WHEN '02' THEN IF(${leap(c)}, '29', '28') WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END)`;

/** The first day a stored partial date may mean; null when unknown or missing. */
export const earliestExpr = (c: string) =>
  `(CASE WHEN NOT (${known(c)}) THEN NULL WHEN LENGTH(${c}) = 4 THEN CONCAT(${c}, '-01-01') WHEN LENGTH(${c}) = 7 THEN CONCAT(${c}, '-01') ELSE ${c} END)`;

/** The last day a stored partial date may mean; null when unknown or missing. */
export const latestExpr = (c: string) =>
  `(CASE WHEN NOT (${known(c)}) THEN NULL WHEN LENGTH(${c}) = 4 THEN CONCAT(${c}, '-12-31') WHEN LENGTH(${c}) = 7 THEN CONCAT(${c}, '-', ${monthDays(c)}) ELSE ${c} END)`;

/** The fixed-width sort key of a partial date; `unknown` is what unknown and missing dates become. */
export const sortKeyExpr = (c: string, unknown: string) =>
  `(CASE WHEN NOT (${known(c)}) THEN '${unknown}' WHEN LENGTH(${c}) = 4 THEN CONCAT(${c}, '-00-00') WHEN LENGTH(${c}) = 7 THEN CONCAT(${c}, '-00') ELSE ${c} END)`;

/** Unknown last when read ascending ("9999-99-99" also sorts last inside keys compared by a text collation). */
export const UNKNOWN_LAST = '9999-99-99';

/** The generated columns of one partial-date column. */
export function partialDateColumns(column: string): ListColumn[] {
  const c = `\`${column}\``;
  return [
    { name: `${column}_earliest`, type: DATE, generated: earliestExpr(c) },
    { name: `${column}_latest`, type: DATE, generated: latestExpr(c) },
    { name: `${column}_sort`, type: DATE, generated: sortKeyExpr(c, UNKNOWN_LAST) },
    { name: `${column}_sort_desc`, type: DATE, generated: sortKeyExpr(c, '') },
  ];
}

/**
 * Latest first and unknown last, read ascending: each part of the date is subtracted from its maximum
 * ("2025-04-03" becomes "0797495 96"); a missing month or day counts as the earliest, so "2025" comes after
 * "2025-12", as it does in descending text order.
 */
const latestFirstExpr = (c: string) =>
  `IF(NOT (${known(c)}), '1', CONCAT('0', ` +
  `LPAD(9999 - ${year(c)}, 4, '0'), ` +
  `IF(CHAR_LENGTH(${c}) >= 7, LPAD(99 - CAST(SUBSTRING(${c}, 6, 2) AS SIGNED), 2, '0'), '99'), ` +
  `IF(CHAR_LENGTH(${c}) >= 10, LPAD(99 - CAST(SUBSTRING(${c}, 9, 2) AS SIGNED), 2, '0'), '99')))`;

/**
 * The span classes of events, for date-range filters. An event without an end lasts as long as its start's
 * precision: a day (class 0), a month (1) or a year (2), so it reaches a date exactly when its start's day,
 * month or year is not before that date's. An event with a known end is classed by how many days it may
 * last (3: up to a week, 4: a month, 5: a year, 6: ten years, 7: longer), and has begun at most the
 * longest span of its class before any date it reaches. Events with an unknown start or end have none.
 */
export const SPAN_CLASSES = {
  day: 0,
  month: 1,
  year: 2,
  /** The first class of events with a known end, and the longest span (days) of each such class but the last. */
  firstWithEnd: 3,
  withEndUpTo: [7, 31, 366, 3660],
} as const;

const knownSpan = `${known('`start`')} AND ${known('`end`')}`;
const spanDaysExpr = `DATEDIFF(${latestExpr('`end`')}, ${earliestExpr('`start`')})`;
const spanClassExpr =
  `(CASE WHEN NOT (${known('`start`')}) OR \`end\` = 'unknown' THEN NULL ` +
  `WHEN \`end\` IS NULL THEN (CASE LENGTH(\`start\`) WHEN 10 THEN ${SPAN_CLASSES.day} WHEN 7 THEN ${SPAN_CLASSES.month} ELSE ${SPAN_CLASSES.year} END) ` +
  `ELSE (CASE ${SPAN_CLASSES.withEndUpTo.map((days, n) => `WHEN ${spanDaysExpr} <= ${days} THEN ${SPAN_CLASSES.firstWithEnd + n}`).join(' ')} ` +
  `ELSE ${SPAN_CLASSES.firstWithEnd + SPAN_CLASSES.withEndUpTo.length} END) END)`;

/** Per table, the columns lists need beyond the partial-date ones that every date field gets. */
const EXTRA_COLUMNS: Record<string, ListColumn[]> = {
  document: partialDateColumns('published'),
  citation: [{ name: 'span_sort', type: 'INT', generated: 'COALESCE(`span_start`, 0)' }],
  event: [
    {
      // the last day an event may have been under way: its end, or its start for a one-day event; an end
      // known to exist but not when may reach any later date
      name: 'reach_latest',
      type: DATE,
      generated: `(CASE WHEN \`end\` = 'unknown' THEN '9999-12-31' WHEN \`end\` IS NULL THEN ${latestExpr('`start`')} ELSE ${latestExpr('`end`')} END)`,
    },
    {
      // how many days an event with a known end may last: from the first day its start may mean to the
      // last day its end may mean (null without a known start and end)
      name: 'span_days',
      type: 'INT',
      generated: `IF(${knownSpan}, ${spanDaysExpr}, NULL)`,
    },
    {
      // which range of the start's index a date-range filter reads the event in (filters.ts,
      // overlapsSpanRange): events of one class cannot have begun more than the class's longest span
      // before a date they reach
      name: 'span_class',
      type: 'TINYINT',
      generated: spanClassExpr,
    },
  ],
  position: [
    {
      // latest `since` first (undated last), then by title
      name: 'recent_sort',
      type: KEY,
      generated: `CONCAT(${latestFirstExpr('`since`')}, '|', COALESCE(\`title\`, ''))`,
    },
  ],
  membership: [
    { name: 'member_sort', type: KEY, maintained: true },
    { name: 'organization_sort', type: KEY, maintained: true },
  ],
  agreement_party: [
    { name: 'party_sort', type: KEY, maintained: true },
    { name: 'agreement_sort', type: KEY, maintained: true },
  ],
  event_participant: [
    { name: 'participant_sort', type: KEY, maintained: true },
    { name: 'event_sort', type: KEY, maintained: true },
  ],
  project_participant: [
    { name: 'participant_sort', type: KEY, maintained: true },
    { name: 'project_sort', type: KEY, maintained: true },
  ],
};

/** Every column lists need on a table, in the order the migration adds them. */
export function listColumns(table: string): ListColumn[] {
  const spec = Object.values(ENTITY_TYPES).find((s) => s.table === table);
  const dates = (spec?.fields ?? []).flatMap((f) =>
    f.kind === 'date' && f.column ? partialDateColumns(f.column) : [],
  );
  return [...dates, ...(EXTRA_COLUMNS[table] ?? [])];
}

/**
 * The indexes lists read: (filter column, sort column) for root lists and (parent, sort column) for nested
 * ones. InnoDB appends the primary key to every secondary index, so each is (…, sort, id) and serves a
 * keyset page in either direction with no sort.
 */
export const LIST_INDEXES: Record<string, ListIndex[]> = {
  document: [
    { name: 'ix_document_title', columns: ['title'] },
    { name: 'ix_document_published_sort', columns: ['published_sort'] },
    { name: 'ix_document_kind_title', columns: ['kind', 'title'] },
    // (publisher, title) would pass the 3072-byte key limit: a publisher's documents are read and sorted
    { name: 'ix_document_publisher', columns: ['publisher'] },
    { name: 'ix_document_language_title', columns: ['language', 'title'] },
  ],
  citation: [{ name: 'ix_citation_document_span', columns: ['document_id', 'span_sort'] }],
  country: [
    { name: 'ix_country_independence_sort', columns: ['independence_sort'] },
    { name: 'ix_country_region_name', columns: ['region', 'name'] },
    { name: 'ix_country_recognition_name', columns: ['recognition', 'name'] },
    { name: 'ix_country_historical_name', columns: ['historical', 'name'] },
  ],
  organization: [
    { name: 'ix_organization_founded_sort', columns: ['founded_sort'] },
    { name: 'ix_organization_kind_name', columns: ['kind', 'name'] },
    { name: 'ix_organization_parent_name', columns: ['parent_id', 'name'] },
  ],
  membership: [
    { name: 'ix_membership_member_sort', columns: ['member_id', 'member_sort'] },
    { name: 'ix_membership_organization_sort', columns: ['organization_id', 'organization_sort'] },
  ],
  agreement: [
    { name: 'ix_agreement_signed_sort', columns: ['signed_sort'] },
    { name: 'ix_agreement_signed_sort_desc', columns: ['signed_sort_desc'] },
    { name: 'ix_agreement_kind_name', columns: ['kind', 'name'] },
    { name: 'ix_agreement_status_name', columns: ['status', 'name'] },
    { name: 'ix_agreement_event_name', columns: ['event_id', 'name'] },
  ],
  agreement_party: [
    { name: 'ix_agreement_party_agreement_sort', columns: ['agreement_id', 'agreement_sort'] },
    { name: 'ix_agreement_party_party_sort', columns: ['party_id', 'party_sort'] },
  ],
  event: [
    { name: 'ix_event_start_sort', columns: ['start_sort'] },
    { name: 'ix_event_start_sort_desc', columns: ['start_sort_desc'] },
    { name: 'ix_event_kind_start', columns: ['kind', 'start_sort'] },
    { name: 'ix_event_country_start', columns: ['country_id', 'start_sort'] },
    { name: 'ix_event_city_start', columns: ['city', 'start_sort'] },
    { name: 'ix_event_part_of_start', columns: ['part_of_id', 'start_sort'] },
    { name: 'ix_event_span_class_start', columns: ['span_class', 'start_sort'] },
    { name: 'ix_event_span_class_start_desc', columns: ['span_class', 'start_sort_desc'] },
    { name: 'ix_event_span_class_days', columns: ['span_class', 'span_days'] },
    { name: 'ix_event_end_start', columns: ['end', 'start_sort'] },
    { name: 'ix_event_end_start_desc', columns: ['end', 'start_sort_desc'] },
  ],
  event_participant: [
    { name: 'ix_event_participant_event_sort', columns: ['event_id', 'event_sort'] },
    { name: 'ix_event_participant_participant_sort', columns: ['participant_id', 'participant_sort'] },
  ],
  person: [{ name: 'ix_person_nationality_name', columns: ['nationality_id', 'name'] }],
  position: [
    { name: 'ix_position_person_recent', columns: ['person_id', 'recent_sort'] },
    { name: 'ix_position_of_recent', columns: ['of_id', 'recent_sort'] },
  ],
  project: [
    { name: 'ix_project_kind_name', columns: ['kind', 'name'] },
    { name: 'ix_project_status_name', columns: ['status', 'name'] },
  ],
  project_participant: [
    { name: 'ix_project_participant_project_sort', columns: ['project_id', 'project_sort'] },
    { name: 'ix_project_participant_participant_sort', columns: ['participant_id', 'participant_sort'] },
  ],
  figure: [
    { name: 'ix_figure_period_sort', columns: ['period_sort'] },
    { name: 'ix_figure_period_sort_desc', columns: ['period_sort_desc'] },
    { name: 'ix_figure_value', columns: ['value'] },
    { name: 'ix_figure_subject_period', columns: ['subject_id', 'period_sort'] },
    { name: 'ix_figure_counterpart_period', columns: ['counterpart_id', 'period_sort'] },
    { name: 'ix_figure_metric_period', columns: ['metric', 'period_sort'] },
  ],
};

/** Single-column indexes of the first migration that a composite index above now starts with. */
export const REPLACED_INDEXES: Record<string, ListIndex[]> = {
  citation: [{ name: 'ix_citation_document', columns: ['document_id'] }],
  country: [{ name: 'ix_country_recognition', columns: ['recognition'] }],
  organization: [
    { name: 'ix_organization_kind', columns: ['kind'] },
    { name: 'ix_organization_parent_id', columns: ['parent_id'] },
  ],
  membership: [
    { name: 'ix_membership_member_id', columns: ['member_id'] },
    { name: 'ix_membership_organization_id', columns: ['organization_id'] },
  ],
  agreement: [
    { name: 'ix_agreement_kind', columns: ['kind'] },
    { name: 'ix_agreement_status', columns: ['status'] },
    { name: 'ix_agreement_event_id', columns: ['event_id'] },
  ],
  agreement_party: [
    { name: 'ix_agreement_party_agreement_id', columns: ['agreement_id'] },
    { name: 'ix_agreement_party_party_id', columns: ['party_id'] },
  ],
  event: [
    { name: 'ix_event_kind', columns: ['kind'] },
    { name: 'ix_event_country_id', columns: ['country_id'] },
    { name: 'ix_event_part_of_id', columns: ['part_of_id'] },
  ],
  event_participant: [
    { name: 'ix_event_participant_event_id', columns: ['event_id'] },
    { name: 'ix_event_participant_participant_id', columns: ['participant_id'] },
  ],
  person: [{ name: 'ix_person_nationality_id', columns: ['nationality_id'] }],
  position: [
    { name: 'ix_position_person_id', columns: ['person_id'] },
    { name: 'ix_position_of_id', columns: ['of_id'] },
  ],
  project: [
    { name: 'ix_project_kind', columns: ['kind'] },
    { name: 'ix_project_status', columns: ['status'] },
  ],
  project_participant: [
    { name: 'ix_project_participant_project_id', columns: ['project_id'] },
    { name: 'ix_project_participant_participant_id', columns: ['participant_id'] },
  ],
  figure: [
    { name: 'ix_figure_subject_id', columns: ['subject_id'] },
    { name: 'ix_figure_counterpart_id', columns: ['counterpart_id'] },
    { name: 'ix_figure_metric', columns: ['metric'] },
  ],
};
