/**
 * `search`: one ranked list over names and aliases (matched on their case- and accent-folded keys, whole or
 * word by word, so short names such as "EU" are found), summaries and descriptions, document titles and
 * quotes (MariaDB/MySQL full-text indexes). A quote that matches makes the entity it is about a hit.
 *
 * Every source is read as one index range or full-text lookup limited to its best SEARCH_WINDOW hits (a
 * full-text source ranks at most FULL_TEXT_CANDIDATES matches), so a search costs the same on a seed of
 * hundreds and on millions of rows; the window is the documented bound of how deep a search can be paged,
 * and `totalCountIsLowerBound` says when a source filled it.
 *
 * A full-text index still reads every row that holds a word before it ranks them (InnoDB has no early stop),
 * and at millions of quotes a common word takes seconds. So the words of the text are looked up first in
 * `text_term` (./text-terms.ts), and a word that a source holds more than SEARCH_COMMON_WORD_LIMIT times is
 * left out of that source's match, as a stop word is; a source left with no word is not read. Either makes
 * the count a lower bound. As a last guard, the statement with the full-text sources runs within
 * SEARCH_TEXT_BUDGET_MS, and past it the search answers from names alone.
 */
import { Arg, Args, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graph/context';
import { PageArgs, pageRequest } from '../graph/page-args';
import { PageInfo, type ConnectionModel } from '../graph/connection';
import { keysetClause } from '../graph/keyset';
import { toConnection, withEdgeFields } from '../graph/to-connection';
import { badUserInput } from '../graph/errors';
import { RequestDeadlineError, type SqlValue } from '../db/database';
import { databaseProblem } from '../http/errors';
import type { NodeTypeName } from '../provenance/ids';
import { nameKey } from '../provenance/name-key';
import { loadNode } from '../provenance/nodes';
import { nameTokens } from './name-index';
import { commonTerms, PROSE_SOURCES, textTerms } from './text-terms';
import { FULL_TEXT_CANDIDATES, MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, SEARCH_WINDOW } from './search-limits';
import { SEARCHABLE, SearchResult, SearchType } from './search-types';

export { SearchResult, SearchType };

export { FULL_TEXT_CANDIDATES, MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, SEARCH_WINDOW };

@ObjectType('SearchHit', { description: 'One search result with its relevance and where the text matched.' })
class SearchHit {
  @Field(() => String, { description: 'Opaque position of this hit; pass it as `after`.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'The entity or document found.' })
  node!: unknown;

  @Field(() => Float, {
    description:
      'Relevance, in tiers: an exact name 1000, a name starting with the text 800, a name containing every word of the text in any order 750-799 (fewer other words rank higher), then full-text matches of titles (300-399), summaries (200-299) and quotes (100-199), and last names containing only some of the words (0-99, by how many). A primary name adds 5 to a name tier.',
  })
  score!: number;

  @Field(() => [String], { description: 'Where the text matched: "name", "summary", "title" or "quote".' })
  matchedIn!: string[];
}

@ObjectType('SearchResultConnection', { description: 'A page of search results, best first.' })
class SearchResultConnection {
  @Field(() => [SearchHit], { description: 'The hits of the page, each with its cursor and score.' })
  edges!: SearchHit[];

  @Field(() => [SearchResult], { description: 'The entities and documents of the page, without scores.' })
  nodes!: unknown[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole result.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description: `How many hits the result holds. Each source (names, words of names, each full-text index) contributes at most its ${SEARCH_WINDOW} best hits, which is also as deep as the result can be paged; when a source had more, this is a lower bound and \`totalCountIsLowerBound\` is true.`,
  })
  totalCount!: number;

  @Field(() => Boolean, {
    description: `True when more matches may exist than \`totalCount\` counts: a source had ${SEARCH_WINDOW} hits or more (a full-text source then ranks the first ${FULL_TEXT_CANDIDATES} rows that match, not every one); or a word of the text is so common in a full-text source (summaries, quotes) that the source was matched without it, or not at all when every word was (the limit is the service's SEARCH_COMMON_WORD_LIMIT, ten thousand occurrences by default; names are always matched word by word); or the full-text sources took longer than the service allows a search and the result holds name matches only.`,
  })
  totalCountIsLowerBound!: boolean;
}

/**
 * A full-text tier plus its relevance bounded below the next tier: r / (r + 1) is below 1 for any finite
 * relevance, however stale the statistics behind it, so the sum never overflows and never leaves its tier.
 */
const fullTextScore = (tier: number, relevance: string) =>
  `${tier} + 99 * (${relevance} / (${relevance} + 1))`;

/** Full-text sources: a table, its indexed columns, what to call a match, and its tier. */
const TEXT_SOURCES: { table: string; type: NodeTypeName; columns: string; label: string; tier: number }[] = [
  ...PROSE_SOURCES.map((p) => ({
    table: p.table,
    type: p.type,
    columns: p.columns.join(', '),
    label: 'summary',
    tier: 200,
  })),
  { table: 'document', type: 'Document', columns: 'title', label: 'title', tier: 300 },
];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL with its parameters. */
interface Sql {
  sql: string;
  params: SqlValue[];
}

/** The search's hits as SQL, and whether words too common to read were left out of a full-text source. */
interface Hits extends Sql {
  leftOut: boolean;
}

/**
 * What a full-text source matches: the text, less the words the source holds too often (`common`, by its
 * table). Null: every word is too common, and the source is not read.
 */
function textFor(
  text: string,
  words: readonly string[],
  common: ReadonlySet<string> | undefined,
): string | null {
  if (!common || common.size === 0) return text;
  const kept = words.filter((w) => !common.has(w));
  return kept.length > 0 ? kept.join(' ') : null;
}

/**
 * Every hit of every source as rows (id, type, score, matched, filled, source), each source limited to
 * its window; `filled` is 1 on the rows of a source that filled its window. An entity may appear once per
 * source.
 */
function searchHits(
  text: string,
  wanted: readonly NodeTypeName[],
  fullText: false | { words: readonly string[]; common: Map<string, Set<string>> },
): Hits {
  const key = nameKey(text);
  let leftOut = false;
  const entityTypes = wanted.filter((t) => t !== 'Document');
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const limited = (branch: string, sql: string) =>
    `SELECT b.*, COUNT(*) OVER () >= ${SEARCH_WINDOW} AS filled, '${branch}' AS source FROM (${sql} LIMIT ${SEARCH_WINDOW}) b`;
  if (entityTypes.length > 0) {
    // the exact name, then names starting with the text: index ranges on (entity_type, name_key)
    parts.push(
      limited(
        'exact',
        `SELECT n.entity_id AS id, n.entity_type AS type, 1000 + (n.kind = 'NAME') * 5 AS score, 'name' AS matched
           FROM entity_name n WHERE n.entity_type IN (?) AND n.name_key = ?`,
      ),
      limited(
        'prefix',
        `SELECT n.entity_id, n.entity_type, 800 + (n.kind = 'NAME') * 5, 'name'
           FROM entity_name n WHERE n.entity_type IN (?) AND n.name_key LIKE ? AND n.name_key <> ?`,
      ),
    );
    params.push(entityTypes, key, entityTypes, `${escapeLike(key)}%`, key);
    // names sharing words with the text (all of them, or a weaker tier for some): one range of the word
    // index per word, shortest names first
    const words = [...new Set(nameTokens(text))].slice(0, MAX_SEARCH_WORDS);
    if (words.length > 0) {
      const perWord = words
        .map(
          () =>
            `(SELECT w.token, w.name_tokens, w.entity_id, w.entity_type, w.kind, w.name_key FROM name_token w
               WHERE w.token = ? AND w.entity_type IN (?) ORDER BY w.name_tokens LIMIT ${SEARCH_WINDOW})`,
        )
        .join(' UNION ALL ');
      parts.push(
        `SELECT g.entity_id, g.entity_type,
                IF(COUNT(DISTINCT g.token) = ${words.length},
                   750 + FLOOR(40 * ${words.length} / MAX(g.name_tokens)) + MAX(g.kind = 'NAME') * 5,
                   FLOOR(99 * COUNT(DISTINCT g.token) / ${words.length})),
                'name', MAX(g.filled), 'words'
           FROM (SELECT r.*, COUNT(*) OVER (PARTITION BY r.token) >= ${SEARCH_WINDOW} AS filled FROM (${perWord}) r) g
          GROUP BY g.entity_id, g.entity_type, g.kind, g.name_key`,
      );
      for (const word of words) params.push(word, entityTypes);
    }
  }
  // full-text sources: the best-matching rows of each index (documents by title, entities by summary);
  // ties in relevance go by id, so that a full window keeps the same rows, and counts, on every request
  if (!fullText) return { sql: parts.join(' UNION ALL '), params, leftOut: false };
  // what each full-text source matches: the text, less the words it holds too often
  const matching = (table: string) => {
    const against = textFor(text, fullText.words, fullText.common.get(table));
    if (against !== text) leftOut = true;
    return against;
  };
  for (const s of TEXT_SOURCES.filter((t) => wanted.includes(t.type))) {
    const against = matching(s.table);
    if (against === null) continue;
    parts.push(
      `SELECT q.id AS id, '${s.type}' AS type, ${fullTextScore(s.tier, 'q.relevance')} AS score, '${s.label}' AS matched, q.filled, '${s.table}'
         FROM (SELECT c.*, COUNT(*) OVER () >= ${SEARCH_WINDOW} AS filled FROM (
                 SELECT m.* FROM (SELECT t.id, MATCH(${s.columns}) AGAINST (?) AS relevance FROM \`${s.table}\` t
                  WHERE MATCH(${s.columns}) AGAINST (?) LIMIT ${FULL_TEXT_CANDIDATES}) m
                 ORDER BY m.relevance DESC, m.id LIMIT ${SEARCH_WINDOW}) c) q`,
    );
    params.push(against, against);
  }
  const quotes = entityTypes.length > 0 ? matching('citation') : null;
  if (quotes !== null) {
    // quotes: the best-matching citations, then the entities their claims are about
    parts.push(
      `SELECT cl.subject_id, cl.subject_type, ${fullTextScore(100, 'q.relevance')}, 'quote', q.filled, 'quote'
         FROM (SELECT c.*, COUNT(*) OVER () >= ${SEARCH_WINDOW} AS filled FROM (
                 SELECT m.* FROM (SELECT ci.claim_id, MATCH(ci.quote) AGAINST (?) AS relevance FROM citation ci
                  WHERE MATCH(ci.quote) AGAINST (?) LIMIT ${FULL_TEXT_CANDIDATES}) m
                 ORDER BY m.relevance DESC, m.claim_id LIMIT ${SEARCH_WINDOW}) c) q
         JOIN claim cl ON cl.id = q.claim_id
        WHERE cl.subject_type IN (?)`,
    );
    params.push(quotes, quotes, entityTypes);
  }
  return { sql: parts.join(' UNION ALL '), params, leftOut };
}

/**
 * One row per hit: its best score (in thousandths, an integer for exact keyset comparisons) and sources,
 * with the count of all hits and whether a source filled its window, so a page carries its own count.
 * Both whole-result windows are sums: MariaDB computes a MAX over a window frame again for every row
 * (MAX cannot be taken back out of a moving frame), which made this statement quadratic in its hits.
 */
const grouped = (hits: Sql): Sql => ({
  sql: `SELECT h.id, h.type, CAST(ROUND(MAX(h.score) * 1000) AS SIGNED) AS score_key,
               GROUP_CONCAT(DISTINCT h.matched ORDER BY h.matched) AS matched, MAX(h.filled) AS filled,
               COUNT(*) OVER () AS total, SUM(MAX(h.filled)) OVER () > 0 AS capped
          FROM (${hits.sql}) h GROUP BY h.id, h.type`,
  params: hits.params,
});

/** A statement stopped by the search's own time budget (not the request's deadline, which ends the request). */
const pastBudget = (error: unknown) =>
  databaseProblem(error) === 'timeout' && !(error instanceof RequestDeadlineError);

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: `Finds entities and documents by text: names, aliases and acronyms (case and diacritics ignored; whole, by their start, or word by word in any order), summaries, document titles and the quotes that back the facts. Best matches first; each source contributes its ${SEARCH_WINDOW} best hits.`,
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('text', () => String, { description: `What to look for: 1 to ${MAX_SEARCH_LENGTH} characters.` })
    text: string,
    @Args() args: PageArgs,
    @Arg('types', () => [SearchType], {
      nullable: true,
      description: 'Only results of these kinds; all kinds when omitted.',
    })
    types?: NodeTypeName[],
  ): Promise<ConnectionModel<unknown> & { totalCountIsLowerBound: Promise<boolean> }> {
    // eslint-disable-next-line no-control-regex
    const cleaned = text.replace(/[\u0000-\u001f]/g, ' ').trim();
    if (cleaned.length === 0 || cleaned.length > MAX_SEARCH_LENGTH)
      throw badUserInput(
        'text',
        `${cleaned.length} characters after trimming: expected 1 to ${MAX_SEARCH_LENGTH}`,
      );
    const page = pageRequest(args);
    const wanted = types?.length ? types : SEARCHABLE;
    // Best first: the keyset runs on the negated score so that "after" means "less relevant".
    const keyset = keysetClause('-s.score_key', 's.id', page);
    const read = (hits: Sql, timeLimitMs?: number) =>
      hits.sql === ''
        ? Promise.resolve([])
        : ctx.db.query<{
            id: string;
            type: NodeTypeName;
            score_key: number;
            matched: string;
            total: number;
            capped: number;
          }>(
            `SELECT s.* FROM (${grouped(hits).sql}) s ${keyset.where.length ? `WHERE ${keyset.where.join(' AND ')}` : ''} ORDER BY ${keyset.orderBy} LIMIT ?`,
            [...hits.params, ...keyset.params, keyset.limit],
            timeLimitMs,
          );
    // the words each full-text source holds too often to be worth reading
    const words = [...new Set(textTerms(cleaned))];
    const common = await commonTerms(
      (sql, params) => ctx.db.query<{ source: string; asked: string }>(sql, params as SqlValue[]),
      words,
      ctx.search.commonWordLimit,
    );
    let hits = searchHits(cleaned, wanted, { words, common });
    let namesOnly = false;
    const rows = await read(hits, ctx.search.textBudgetMs).catch((error: unknown) => {
      // past its budget: names alone, a lower bound
      if (!pastBudget(error)) throw error;
      namesOnly = true;
      hits = searchHits(cleaned, wanted, false);
      return read(hits);
    });
    const nodes = new Map(
      await Promise.all(rows.map(async (r) => [r, await loadNode(ctx, r.type, r.id)] as const)),
    );
    // a page past the last hit has no row to carry the count: count apart then
    let count: Promise<{ n: number; capped: boolean }> | undefined;
    const countOf = (of: Sql, timeLimitMs?: number) =>
      of.sql === ''
        ? Promise.resolve({ n: 0, capped: false })
        : ctx.db
            .query<{ n: number; capped: number | null }>(
              `SELECT COUNT(*) AS n, MAX(s.filled) AS capped FROM (${grouped(of).sql}) s`,
              of.params,
              timeLimitMs,
            )
            .then(([r]) => ({ n: Number(r?.n ?? 0), capped: Number(r?.capped ?? 0) === 1 }));
    const counted = () =>
      (count ??= rows[0]
        ? Promise.resolve({
            n: Number(rows[0].total),
            capped: namesOnly || hits.leftOut || Number(rows[0].capped) === 1,
          })
        : namesOnly
          ? countOf(hits).then((c) => ({ ...c, capped: true }))
          : countOf(hits, ctx.search.textBudgetMs).then(
              (c) => ({ ...c, capped: c.capped || hits.leftOut }),
              (error: unknown) => {
                if (!pastBudget(error)) throw error;
                return countOf(searchHits(cleaned, wanted, false)).then((c) => ({ ...c, capped: true }));
              },
            ));
    const connection = withEdgeFields(
      toConnection(
        rows,
        page,
        (r) => [-Number(r.score_key), r.id],
        (r) => ({
          node: nodes.get(r) ?? null,
          score: Number(r.score_key) / 1000,
          matchedIn: r.matched.split(','),
        }),
        () => counted().then((c) => c.n),
      ),
    );
    return Object.defineProperty(connection, 'totalCountIsLowerBound', {
      get: () => counted().then((c) => c.capped),
    }) as typeof connection & { totalCountIsLowerBound: Promise<boolean> };
  }
}
