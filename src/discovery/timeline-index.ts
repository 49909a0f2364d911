/**
 * The timeline's own table, kept by the ingest: one row per event or agreement for the whole timeline
 * (participant_id '') and one per participant or party, keyed by (participant, sort key, id). A timeline
 * page is then an index range read in order, whatever the size of the tables behind it.
 */
import type { QueryRunner } from 'typeorm';
import type { DerivedDataRefresher, RefreshScope } from '../ingest/derived-data';

/** Counts of filtered timelines stop here (then `totalCountIsLowerBound` is true). */
export const TIMELINE_COUNT_CAP = 1_000;

/** The participant id of the rows that make up the whole, unfiltered timeline. */
export const WHOLE_TIMELINE = '';

const CHUNK = 500;

/**
 * The sort key of an entry dated `column`: a fixed-width date ("2025" is "2025-00-00", so a year sorts just
 * before the days it may contain and is never taken as January 1st; unknown and missing dates are
 * "9999-99-99", last), then "|" and the entry's type.
 */
export const timelineSortKeySql = (column: string, type: string) =>
  `CONCAT(CASE WHEN ${column} IS NULL OR ${column} = 'unknown' THEN '9999-99-99' WHEN LENGTH(${column}) = 4 THEN CONCAT(${column}, '-00-00') WHEN LENGTH(${column}) = 7 THEN CONCAT(${column}, '-00') ELSE ${column} END, '|${type}')`;

/** The earliest day a partial date may mean (null when unknown). */
const earliestSql = (c: string) =>
  `CASE WHEN ${c} IS NULL OR ${c} = 'unknown' THEN NULL WHEN LENGTH(${c}) = 4 THEN CONCAT(${c}, '-01-01') WHEN LENGTH(${c}) = 7 THEN CONCAT(${c}, '-01') ELSE ${c} END`;

/** The latest day a partial date may mean (null when unknown). */
const latestSql = (c: string) =>
  `CASE WHEN ${c} IS NULL OR ${c} = 'unknown' THEN NULL WHEN LENGTH(${c}) = 4 THEN CONCAT(${c}, '-12-31') WHEN LENGTH(${c}) = 7 THEN DATE_FORMAT(LAST_DAY(CONCAT(${c}, '-01')), '%Y-%m-%d') ELSE ${c} END`;

const COLUMNS = 'participant_id, sort_key, entry_id, entry_type, via_id, date, earliest, latest, kind';

/** The rows of every entry whose id satisfies `where` (a condition on `x.id`), from the current tables. */
function entryRows(where: string): string {
  const parts = [
    {
      table: 'event',
      type: 'Event',
      date: 'start',
      link: 'event_participant',
      ref: 'event_id',
      who: 'participant_id',
    },
    {
      table: 'agreement',
      type: 'Agreement',
      date: 'signed',
      link: 'agreement_party',
      ref: 'agreement_id',
      who: 'party_id',
    },
  ];
  return parts
    .flatMap((p) => {
      const values = `${timelineSortKeySql(`x.${p.date}`, p.type)}, x.id, '${p.type}', %VIA%, x.${p.date}, ${earliestSql(`x.${p.date}`)}, ${latestSql(`x.${p.date}`)}, x.kind`;
      return [
        `SELECT '${WHOLE_TIMELINE}', ${values.replace('%VIA%', 'x.id')} FROM \`${p.table}\` x WHERE ${where}`,
        `SELECT l.${p.who}, ${values.replace('%VIA%', 'l.id')} FROM \`${p.link}\` l JOIN \`${p.table}\` x ON x.id = l.${p.ref} WHERE l.${p.who} IS NOT NULL AND ${where}`,
      ];
    })
    .join(' UNION ALL ');
}

async function rebuildAll(runner: QueryRunner): Promise<void> {
  await runner.query('DELETE FROM timeline_entry');
  await runner.query(`INSERT IGNORE INTO timeline_entry (${COLUMNS}) ${entryRows('TRUE')}`);
  await runner.query('DELETE FROM timeline_count');
  await runner.query(
    'INSERT INTO timeline_count (participant_id, entries) SELECT participant_id, COUNT(*) FROM timeline_entry GROUP BY participant_id',
  );
}

/** Adds (sign 1) or takes away (sign -1) the rows of these entries from their timelines' counts. */
async function countEntries(runner: QueryRunner, entries: string[], sign: 1 | -1): Promise<void> {
  await runner.query(
    `INSERT INTO timeline_count (participant_id, entries)
     SELECT participant_id, ${sign} * COUNT(*) FROM timeline_entry WHERE entry_id IN (?) GROUP BY participant_id
     ON DUPLICATE KEY UPDATE entries = entries + VALUES(entries)`,
    [entries],
  );
}

async function refreshTimeline(runner: QueryRunner, scope: RefreshScope): Promise<void> {
  if (scope === 'all') return rebuildAll(runner);
  // The entries to rebuild: those in scope, and those a participant row in scope links (now or before).
  const entries = new Set<string>();
  for (let i = 0; i < scope.length; i += CHUNK) {
    const ids = scope.slice(i, i + CHUNK);
    const rows = (await runner.query(
      `SELECT id FROM event WHERE id IN (?) UNION SELECT id FROM agreement WHERE id IN (?)
       UNION SELECT event_id FROM event_participant WHERE id IN (?) AND event_id IS NOT NULL
       UNION SELECT agreement_id FROM agreement_party WHERE id IN (?) AND agreement_id IS NOT NULL
       UNION SELECT entry_id FROM timeline_entry WHERE entry_id IN (?) OR via_id IN (?)`,
      [ids, ids, ids, ids, ids, ids],
    )) as { id: string }[];
    for (const r of rows) entries.add(r.id);
  }
  const list = [...entries];
  for (let i = 0; i < list.length; i += CHUNK) {
    const ids = list.slice(i, i + CHUNK);
    await countEntries(runner, ids, -1);
    await runner.query('DELETE FROM timeline_entry WHERE entry_id IN (?)', [ids]);
    await runner.query(`INSERT IGNORE INTO timeline_entry (${COLUMNS}) ${entryRows('x.id IN (?)')}`, [
      ids,
      ids,
      ids,
      ids,
    ]);
    await countEntries(runner, ids, 1);
  }
  if (list.length > 0) await runner.query('DELETE FROM timeline_count WHERE entries <= 0');
}

export const TIMELINE_REFRESHER: DerivedDataRefresher = {
  name: 'timeline',
  tables: ['timeline_entry', 'timeline_count'],
  refresh: refreshTimeline,
};
