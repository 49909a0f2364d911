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
 * collation). Occurrences, not rows, are counted: they are what the index reads, and counting rows would
 * need every (word, row) pair of the table sorted at once. Document titles are not counted: there are a
 * hundred times fewer documents than quotes, and a title index stays cheap.
 */
import type { QueryRunner } from 'typeorm';
import type { DerivedDataRefresher, RefreshScope } from '../ingest/derived-data';
import { ENTITY_TYPES } from '../provenance/entity-types';

const CHUNK = 500;

/** The full-text parser's shortest and longest word (InnoDB's innodb_ft_min_token_size, its hard maximum). */
export const MIN_TERM_LENGTH = 3;
export const MAX_TERM_LENGTH = 84;

/** A source of text with a full-text index, and how to read the texts that belong to entities in scope. */
interface TermSource {
  /** Its name in `text_term`: the table whose index it is. */
  source: string;
  /** Rows (`id`, `text`) of the source: of the entities given as the one parameter, or all. */
  rows(scoped: boolean): string;
}

/** Every source counted: each entity table with descriptive prose, and the quotes of citations. */
export const TERM_SOURCES: readonly TermSource[] = [
  ...Object.values(ENTITY_TYPES)
    .filter((spec) => spec.fields.some((f) => f.descriptive))
    .map((spec) => {
      const columns = spec.fields.filter((f) => f.descriptive).map((f) => `t.\`${f.column!}\``);
      return {
        source: spec.table,
        rows: (scoped: boolean) =>
          `SELECT t.id, CONCAT_WS(' ', ${columns.join(', ')}) AS text FROM \`${spec.table}\` t${scoped ? ' WHERE t.id IN (?)' : ''}`,
      };
    }),
  {
    source: 'citation',
    rows: (scoped: boolean) =>
      scoped
        ? 'SELECT ci.id, ci.quote AS text FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE cl.subject_id IN (?)'
        : 'SELECT ci.id, ci.quote AS text FROM citation ci',
  },
];

/** The words of a text as `text_term` counts them (not folded: the collation compares them). */
export function textTerms(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((t) => [...t].length >= MIN_TERM_LENGTH && [...t].length <= MAX_TERM_LENGTH);
}

// The same split in SQL: trim non-word characters at both ends, then make a JSON array of the words (what
// remains between separators is letters, digits and `_` only, so it needs no JSON escaping).
const NON_WORD = '[^\\\\p{L}\\\\p{N}_]+';
const WORDS = `CONCAT('["', REGEXP_REPLACE(REGEXP_REPLACE(r.text, '^${NON_WORD}|${NON_WORD}$', ''), '${NON_WORD}', '","'), '"]')`;

/**
 * Each word of the rows of a source (in scope, or all), with how often those rows hold it. Spellings the
 * collation holds equal ("Türk", "turk") are one word, kept in the first spelling in binary order, so that
 * counting from scratch and counting load by load keep the same one.
 */
const termCounts = (s: TermSource, scoped: boolean) =>
  `SELECT '${s.source}' AS source, MIN(w.term COLLATE utf8mb4_bin) AS term, COUNT(*) AS n
     FROM (${s.rows(scoped)}) r,
          JSON_TABLE(${WORDS}, '$[*]' COLUMNS (term VARCHAR(300) CHARACTER SET utf8mb4 PATH '$')) w
    WHERE CHAR_LENGTH(w.term) BETWEEN ${MIN_TERM_LENGTH} AND ${MAX_TERM_LENGTH}
    GROUP BY w.term COLLATE utf8mb4_unicode_ci`;

/** Counts in what the rows of the entities in scope hold (after the ingest wrote them). */
async function addTerms(runner: QueryRunner, scope: readonly string[]): Promise<void> {
  for (let i = 0; i < scope.length; i += CHUNK)
    for (const s of TERM_SOURCES)
      await runner.query(
        `INSERT INTO text_term (source, term, occurrences) SELECT c.source, c.term, c.n FROM (${termCounts(s, true)}) c
         ON DUPLICATE KEY UPDATE occurrences = text_term.occurrences + VALUES(occurrences),
           term = LEAST(text_term.term COLLATE utf8mb4_bin, VALUES(term) COLLATE utf8mb4_bin)`,
        [scope.slice(i, i + CHUNK)],
      );
}

/**
 * Takes back what the rows of the entities in scope hold (before the ingest deletes or rewrites them); a
 * word no row holds any more is dropped, as a count from scratch would not have it (adding it back, if the
 * rewritten rows hold it, makes it anew).
 */
async function retractTerms(runner: QueryRunner, scope: readonly string[]): Promise<void> {
  for (let i = 0; i < scope.length; i += CHUNK)
    for (const s of TERM_SOURCES) {
      const ids = [scope.slice(i, i + CHUNK)];
      await runner.query(
        `UPDATE text_term t JOIN (${termCounts(s, true)}) c ON t.source = c.source AND t.term = c.term COLLATE utf8mb4_unicode_ci
            SET t.occurrences = GREATEST(CAST(t.occurrences AS SIGNED) - c.n, 0)`,
        ids,
      );
      await runner.query(
        `DELETE t FROM text_term t JOIN (${termCounts(s, true)}) c ON t.source = c.source AND t.term = c.term COLLATE utf8mb4_unicode_ci
          WHERE t.occurrences = 0`,
        ids,
      );
    }
}

async function refreshTextTerms(runner: QueryRunner, scope: RefreshScope): Promise<void> {
  if (scope !== 'all') return addTerms(runner, scope);
  await runner.query('DELETE FROM text_term');
  for (const s of TERM_SOURCES)
    await runner.query(
      `INSERT INTO text_term (source, term, occurrences) SELECT c.source, c.term, c.n FROM (${termCounts(s, false)}) c`,
    );
}

export const TEXT_TERM_REFRESHER: DerivedDataRefresher = {
  name: 'text terms',
  tables: ['text_term'],
  refresh: refreshTextTerms,
  // a word's count spans every entity, so it is kept by taking back and adding, not rebuilt per entity
  retract: retractTerms,
};

/**
 * The words of `terms` that each source holds more than `limit` times: the ones to leave out of that
 * source's match. One primary-key lookup per source and word; the words come back as asked.
 */
export async function commonTerms(
  query: (sql: string, params: unknown[]) => Promise<{ source: string; term: string }[]>,
  terms: readonly string[],
  limit: number,
): Promise<Map<string, Set<string>>> {
  const common = new Map<string, Set<string>>();
  if (terms.length === 0) return common;
  const rows = await query(
    `SELECT s.source, q.term FROM JSON_TABLE(?, '$[*]' COLUMNS (term VARCHAR(${MAX_TERM_LENGTH}) CHARACTER SET utf8mb4 PATH '$')) q
       JOIN text_term s ON s.source IN (?) AND s.term = q.term COLLATE utf8mb4_unicode_ci
      WHERE s.occurrences > ?`,
    [JSON.stringify(terms), TERM_SOURCES.map((s) => s.source), limit],
  );
  for (const r of rows) {
    const set = common.get(r.source) ?? new Set<string>();
    set.add(r.term);
    common.set(r.source, set);
  }
  return common;
}
