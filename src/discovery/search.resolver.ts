/**
 * `search`: one ranked list over names and aliases (matched on their case- and accent-folded keys, so short
 * names such as "EU" are found), summaries and descriptions, document titles and quotes (MariaDB/MySQL
 * full-text indexes). A quote that matches makes the entity it is about a hit.
 */
import {
  Arg,
  Args,
  Ctx,
  Field,
  Float,
  Int,
  ObjectType,
  Query,
  Resolver,
  createUnionType,
  registerEnumType,
} from 'type-graphql';
import { Agreement } from '../agreements/agreement.type';
import { AgreementParty } from '../agreements/agreement-party.type';
import { Country } from '../countries/country.type';
import { DocumentType } from '../documents/document.type';
import { Event } from '../events/event.type';
import { EventParticipant } from '../events/event-participant.type';
import { Figure } from '../figures/figure.type';
import type { Context } from '../graph/context';
import {
  PageArgs,
  PageInfo,
  keysetClause,
  pageRequest,
  toConnection,
  withEdgeFields,
  type ConnectionModel,
} from '../graph/connection';
import { badUserInput } from '../graph/errors';
import { Membership } from '../organizations/membership.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { Position } from '../people/position.type';
import { Project } from '../projects/project.type';
import { ProjectParticipant } from '../projects/project-participant.type';
import { ENTITY_TYPES, ENTITY_TYPE_NAMES } from '../provenance/entity-types';
import type { NodeTypeName } from '../provenance/ids';
import { nameKey } from '../provenance/name-key';
import type { NodeModel } from '../provenance/node.type';
import { loadNode } from '../provenance/nodes';
import { toEnumName } from '../provenance/field-enum';

export const MAX_SEARCH_LENGTH = 200;

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything `search` can find: an entity of any type, or a document.',
  types: () =>
    [
      Country,
      Organization,
      Membership,
      Agreement,
      AgreementParty,
      Event,
      EventParticipant,
      Person,
      Position,
      Project,
      ProjectParticipant,
      Figure,
      DocumentType,
    ] as const,
  resolveType: (value) => (value as unknown as NodeModel).__typename,
});

const SEARCHABLE: NodeTypeName[] = [...ENTITY_TYPE_NAMES, 'Document'];
export const SearchType = Object.fromEntries(
  SEARCHABLE.map((t) => [toEnumName(t).replace(/^_/, ''), t]),
) as Record<string, NodeTypeName>;
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'A kind of thing `search` can return.',
  valuesConfig: Object.fromEntries(
    Object.entries(SearchType).map(([k, t]) => [
      k,
      { description: `${t === 'Document' ? 'Documents' : `${t} entities`}.` },
    ]),
  ),
});

@ObjectType('SearchHit', { description: 'One search result with its relevance and where the text matched.' })
class SearchHit {
  @Field(() => String, { description: 'Opaque position of this hit; pass it as `after`.' })
  cursor!: string;

  @Field(() => SearchResult, { description: 'The entity or document found.' })
  node!: unknown;

  @Field(() => Float, {
    description:
      'Relevance, in tiers: an exact name 1000, a name starting with the text 800, a name containing it 600, then full-text matches of titles (300-399), summaries (200-299) and quotes (100-199).',
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

  @Field(() => Int, { description: 'How many hits there are in all.' })
  totalCount!: number;
}

/**
 * Relevance comes in tiers, so a better kind of match always wins: an exact name (1000), a name starting
 * with the text (800), a name containing it (600), then full-text matches of titles (300), summaries (200)
 * and quotes (100), each plus its full-text relevance capped below the next tier.
 */
const fullTextScore = (tier: number, match: string) => `${tier} + LEAST(10 * ${match}, 99)`;

/** Full-text sources: a table, its indexed columns, what to call a match, and its tier. */
const TEXT_SOURCES: { table: string; type: NodeTypeName; columns: string; label: string; tier: number }[] = [
  ...Object.values(ENTITY_TYPES)
    .filter((spec) => spec.fields.some((f) => f.descriptive))
    .map((spec) => ({
      table: spec.table,
      type: spec.name,
      columns: spec.fields
        .filter((f) => f.descriptive)
        .map((f) => f.column!)
        .join(', '),
      label: 'summary',
      tier: 200,
    })),
  { table: 'document', type: 'Document', columns: 'title', label: 'title', tier: 300 },
];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      'Finds entities and documents by text: names, aliases and acronyms (case and diacritics ignored), summaries, document titles and the quotes that back the facts. Best matches first.',
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
  ): Promise<ConnectionModel<NodeModel | null>> {
    // eslint-disable-next-line no-control-regex
    const cleaned = text.replace(/[\u0000-\u001f]/g, ' ').trim();
    if (cleaned.length === 0 || cleaned.length > MAX_SEARCH_LENGTH)
      throw badUserInput(
        'text',
        `${cleaned.length} characters after trimming: expected 1 to ${MAX_SEARCH_LENGTH}`,
      );
    const page = pageRequest(args);
    const key = nameKey(cleaned);
    const wanted = types?.length ? types : SEARCHABLE;
    const parts = [
      `SELECT n.entity_id AS id, n.entity_type AS type,
              (CASE WHEN n.name_key = ? THEN 1000 WHEN n.name_key LIKE ? THEN 800 ELSE 600 END) + (n.kind = 'NAME') * 5 AS score, 'name' AS matched
         FROM entity_name n WHERE n.name_key LIKE ?`,
      ...TEXT_SOURCES.map(
        (s) =>
          `SELECT t.id, '${s.type}', ${fullTextScore(s.tier, `MATCH(${s.columns}) AGAINST (?)`)}, '${s.label}' FROM \`${s.table}\` t WHERE MATCH(${s.columns}) AGAINST (?)`,
      ),
      `SELECT cl.subject_id, cl.subject_type, ${fullTextScore(100, 'MATCH(ci.quote) AGAINST (?)')}, 'quote' FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE MATCH(ci.quote) AGAINST (?)`,
    ];
    const params = [
      key,
      `${escapeLike(key)}%`,
      `%${escapeLike(key)}%`,
      ...TEXT_SOURCES.flatMap(() => [cleaned, cleaned]),
      cleaned,
      cleaned,
    ];
    const grouped = `SELECT h.id, h.type, CAST(ROUND(MAX(h.score) * 1000) AS SIGNED) AS score_key, GROUP_CONCAT(DISTINCT h.matched ORDER BY h.matched) AS matched
        FROM (${parts.join(' UNION ALL ')}) h WHERE h.type IN (?) GROUP BY h.id, h.type`;
    // Best first: the keyset runs on the negated score so that "after" means "less relevant".
    const keyset = keysetClause('-s.score_key', 's.id', page);
    const rows = await ctx.db.query<{ id: string; type: NodeTypeName; score_key: number; matched: string }>(
      `SELECT s.* FROM (${grouped}) s ${keyset.where.length ? `WHERE ${keyset.where.join(' AND ')}` : ''} ORDER BY ${keyset.orderBy} LIMIT ?`,
      [...params, wanted, ...keyset.params, keyset.limit],
    );
    const nodes = new Map(
      await Promise.all(rows.map(async (r) => [r, await loadNode(ctx, r.type, r.id)] as const)),
    );
    return withEdgeFields(
      toConnection(
        rows,
        page,
        (r) => [-Number(r.score_key), r.id],
        (r) => ({
          node: nodes.get(r) ?? null,
          score: Number(r.score_key) / 1000,
          matchedIn: r.matched.split(','),
        }),
        async () => {
          const [count] = await ctx.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${grouped}) s`, [
            ...params,
            wanted,
          ]);
          return Number(count?.n ?? 0);
        },
      ),
    );
  }
}
