/**
 * How often each full-text source holds each word, kept by the ingest in `text_term` (source, term,
 * occurrences). A full-text index reads every occurrence of a word before it ranks any row (InnoDB has no
 * early stop): about a microsecond each, so a word in half a million quotes costs half a second whatever
 * the page. Search looks its words up here first and leaves out of a source's match the words that source
 * holds more than SEARCH_COMMON_WORD_LIMIT times, as a stop word is left out: what it then reads is bounded
 * by that number per word, and the result says it is a lower bound.
 *
 * Words are split as the full-text parser splits them (runs of letters, digits and `_`, at least 3
 * characters, at most 84) and compared as the index compares them (the column's case- and accent-blind
 * collation). Occurrences, not rows, are counted: they are what the index reads. Words are split and counted
 * here, not in SQL: the database splits text only with regular expressions and JSON, which took over ten
 * minutes for the 16 million quotes of a million-event graph, where streaming them once and counting here
 * takes about a minute and a half. Document titles are not counted: there are a hundred times fewer
 * documents than quotes, and a title index stays cheap.
 */
import type { QueryRunner } from 'typeorm';
import type { DerivedDataRefresher } from '../ingest/derived-data';
import { ENTITY_TYPES } from '../provenance/entity-types';

const CHUNK = 500;

/** The full-text parser's shortest and longest word (InnoDB's innodb_ft_min_token_size, its hard maximum). */
export const MIN_TERM_LENGTH = 3;
export const MAX_TERM_LENGTH = 84;

/** A source of text with a full-text index, and how to read the texts that belong to entities in scope. */
interface TermSource {
  /** Its name in `text_term`: the table whose index it is. */
  source: string;
  /** Its texts (`text`): of the entities given as the one parameter, or all. */
  texts(scoped: boolean): string;
}

/**
 * The entity tables with prose (descriptive fields), each with a full-text index over those columns: what
 * search matches as summaries and what `text_term` counts, from the entity table in one place.
 */
export const PROSE_SOURCES = Object.values(ENTITY_TYPES)
  .filter((spec) => spec.fields.some((f) => f.descriptive))
  .map((spec) => ({
    table: spec.table,
    type: spec.name,
    columns: spec.fields.filter((f) => f.descriptive).map((f) => f.column!),
    hasName: spec.fields.some((f) => f.column === 'name'),
  }));

/** Every source counted: each entity table with prose, and the quotes of citations. */
export const TERM_SOURCES: readonly TermSource[] = [
  ...PROSE_SOURCES.map((p) => ({
    source: p.table,
    texts: (scoped: boolean) =>
      `SELECT CONCAT_WS(' ', ${p.columns.map((c) => `t.\`${c}\``).join(', ')}) AS text FROM \`${p.table}\` t${scoped ? ' WHERE t.id IN (?)' : ''}`,
  })),
  {
    source: 'citation',
    texts: (scoped: boolean) =>
      scoped
        ? 'SELECT ci.quote AS text FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE cl.subject_id IN (?)'
        : 'SELECT ci.quote AS text FROM citation ci',
  },
];

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The full-text parser's default stop words of three letters or more (INNODB_FT_DEFAULT_STOPWORD): the
 * index holds none of them, so they are neither counted nor ever "too common" to search by.
 */
const STOP_WORDS = new Set([
  'about',
  'are',
  'com',
  'for',
  'from',
  'how',
  'that',
  'the',
  'this',
  'und',
  'was',
  'what',
  'when',
  'where',
  'who',
  'will',
  'with',
  'www',
]);

/** The words of a text as `text_term` counts them (not folded: the collation compares them). */
export function textTerms(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    // most words are shorter than the limit in UTF-16 units already; count code points only near it
    const length = word.length <= MAX_TERM_LENGTH ? word.length : [...word].length;
    if (length < MIN_TERM_LENGTH || length > MAX_TERM_LENGTH) continue;
    if (length <= 5 && STOP_WORDS.has(word.toLowerCase())) continue;
    words.push(word);
  }
  return words;
}

/** Adds the words of a text to `counts` (by spelling; the database merges spellings its collation holds equal). */
export function countTerms(text: string | null, counts: Map<string, number>): void {
  if (!text) return;
  for (const word of textTerms(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
}

/** The counts of one statement's JSON parameter, spellings the collation holds equal summed as one word. */
const COUNTS = `SELECT j.term COLLATE utf8mb4_unicode_ci AS term, MIN(j.term COLLATE utf8mb4_bin) AS spelling, SUM(j.n) AS n
  FROM JSON_TABLE(?, '$[*]' COLUMNS (term VARCHAR(${MAX_TERM_LENGTH}) CHARACTER SET utf8mb4 PATH '$[0]', n INT PATH '$[1]')) j
 GROUP BY 1`;

/** Words per statement when counts are written. */
const WRITE_BATCH = 5000;

/**
 * Adds counts to a source's words (new words made in the first spelling in binary order, so that counting
 * from scratch and counting load by load keep the same one), or takes them back, dropping words no row
 * holds any more, as a count from scratch would not have them.
 */
async function writeCounts(
  runner: QueryRunner,
  source: string,
  counts: Map<string, number>,
  sign: 1 | -1,
): Promise<void> {
  const entries = [...counts];
  for (let i = 0; i < entries.length; i += WRITE_BATCH) {
    // as JSON for JSON_TABLE: [[term, n], ...]
    const batch = JSON.stringify(entries.slice(i, i + WRITE_BATCH));
    if (sign === 1) {
      await runner.query(
        `INSERT INTO text_term (source, term, occurrences) SELECT ?, c.spelling, c.n FROM (${COUNTS}) c
         ON DUPLICATE KEY UPDATE occurrences = text_term.occurrences + VALUES(occurrences),
           term = LEAST(text_term.term COLLATE utf8mb4_bin, VALUES(term) COLLATE utf8mb4_bin)`,
        [source, batch],
      );
    } else {
      await runner.query(
        `UPDATE text_term t JOIN (${COUNTS}) c ON t.source = ? AND t.term = c.term
            SET t.occurrences = GREATEST(CAST(t.occurrences AS SIGNED) - c.n, 0)`,
        [batch, source],
      );
      await runner.query(
        `DELETE t FROM text_term t JOIN (${COUNTS}) c ON t.source = ? AND t.term = c.term WHERE t.occurrences = 0`,
        [batch, source],
      );
    }
  }
}

/** The counts of the texts of the entities in scope, source by source. */
async function scopedCounts(runner: QueryRunner, scope: readonly string[], sign: 1 | -1): Promise<void> {
  for (const s of TERM_SOURCES) {
    const counts = new Map<string, number>();
    for (let i = 0; i < scope.length; i += CHUNK) {
      const rows = (await runner.query(s.texts(true), [scope.slice(i, i + CHUNK)])) as {
        text: string | null;
      }[];
      for (const r of rows) countTerms(r.text, counts);
    }
    await writeCounts(runner, s.source, counts, sign);
  }
}

/** Counts every text of every source from scratch, reading each table once as a stream. */
async function countAll(runner: QueryRunner): Promise<void> {
  await runner.query('DELETE FROM text_term');
  for (const s of TERM_SOURCES) {
    const counts = new Map<string, number>();
    const stream = await runner.stream(s.texts(false));
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (row: unknown) => countTerms((row as { text: string | null }).text, counts));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    await writeCounts(runner, s.source, counts, 1);
  }
}

export const TEXT_TERM_REFRESHER: DerivedDataRefresher = {
  name: 'text terms',
  tables: ['text_term'],
  refresh: (runner, scope) => (scope === 'all' ? countAll(runner) : scopedCounts(runner, scope, 1)),
  // a word's count spans every entity, so it is kept by taking back and adding, not rebuilt per entity
  retract: (runner, ids) => scopedCounts(runner, ids, -1),
};

/**
 * The words of `terms` that each source holds more than `limit` times: the ones to leave out of that
 * source's match. One primary-key range per source and word; each row lists every asked word it answers
 * (by place in `terms`: "Transit" and "transit" are both the stored "transit"), compared as the index
 * compares (a JSON_TABLE of the words joined to the table would compare in another collation and read the
 * whole table).
 */
export async function commonTerms(
  query: (sql: string, params: unknown[]) => Promise<{ source: string; asked: string }[]>,
  terms: readonly string[],
  limit: number,
): Promise<Map<string, Set<string>>> {
  const common = new Map<string, Set<string>>();
  if (terms.length === 0) return common;
  const rows = await query(
    `SELECT s.source, CONCAT_WS(',', ${terms.map((_, i) => `IF(s.term = ?, ${i}, NULL)`).join(', ')}) AS asked
       FROM text_term s WHERE s.source IN (?) AND s.term IN (?) AND s.occurrences > ?`,
    [...terms, TERM_SOURCES.map((s) => s.source), terms, limit],
  );
  for (const r of rows) {
    const set = common.get(r.source) ?? new Set<string>();
    for (const i of String(r.asked).split(',')) set.add(terms[Number(i)]!);
    common.set(r.source, set);
  }
  return common;
}
