/**
 * `timeline`: events and agreements in one date order. A year- or month-precision date sorts just before
 * the days it may contain ("2025" before "2025-01-01": it may be any day of the year, and is never taken as
 * January 1st); unknown dates come last and never match a date range.
 *
 * Pages are read from `timeline_entry` (./timeline-index.ts), an index ordered by (participant, sort key,
 * id): one range read in order, never a sort, whatever the size of the tables behind it.
 */
import {
  Arg,
  Args,
  Ctx,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  createUnionType,
  registerEnumType,
} from 'type-graphql';
import { Agreement } from '../agreements/agreement.type';
import { Event } from '../events/event.type';
import type { Context } from '../graph/context';
import type { SqlValue } from '../db/database';
import { PageArgs, pageRequest, type PageRequest } from '../graph/page-args';
import { PageInfo, type ConnectionModel } from '../graph/connection';
import { keysetClause } from '../graph/keyset';
import { toConnection, withEdgeFields } from '../graph/to-connection';
import { badUserInput } from '../graph/errors';
import { Conditions, dateArg, idArg } from '../graph/filters';
import { ENUMS } from '../provenance/entity-types';
import type { NodeModel } from '../provenance/node.type';
import { loadEntity } from '../provenance/nodes';
import { PartialDateType } from '../provenance/partial-date.type';
import { PARTIAL_DATE_END_SUFFIX, toPartialDate, type PartialDateValue } from '../provenance/partial-date';
import { TIMELINE_COUNT_CAP, WHOLE_TIMELINE } from './timeline-index';

export const MAX_TIMELINE_PARTICIPANTS = 10;

export const TimelineItem = createUnionType({
  name: 'TimelineItem',
  description: 'An entry of a timeline: an event, or an agreement (dated by its signing).',
  types: () => [Event, Agreement] as const,
  resolveType: (value) => (value as unknown as NodeModel).__typename,
});

const KINDS = [...new Set([...ENUMS.eventKind, ...ENUMS.agreementKind])];
export const TimelineKind = Object.fromEntries(KINDS.map((k) => [k, k]));
registerEnumType(TimelineKind, {
  name: 'TimelineKind',
  description:
    'The kinds of events and agreements a timeline can be limited to (the values of EventKind and AgreementKind).',
  valuesConfig: Object.fromEntries(
    KINDS.map((k) => [
      k,
      {
        description: `${(ENUMS.eventKind as readonly string[]).includes(k) ? `Events of kind ${k}` : ''}${(ENUMS.eventKind as readonly string[]).includes(k) && (ENUMS.agreementKind as readonly string[]).includes(k) ? ' and a' : (ENUMS.agreementKind as readonly string[]).includes(k) ? 'A' : ''}${(ENUMS.agreementKind as readonly string[]).includes(k) ? `greements of kind ${k}` : ''}.`,
      },
    ]),
  ),
});

export const TimelineParticipantsMatch = { ALL: 'ALL', ANY: 'ANY' } as const;
registerEnumType(TimelineParticipantsMatch, {
  name: 'TimelineParticipantsMatch',
  description: 'How the entries of a timeline must involve the participants given.',
  valuesConfig: {
    ALL: {
      description:
        'Entries involving every participant given. Read along the smallest of their timelines, so the cost follows that timeline when few of its entries involve the others.',
    },
    ANY: {
      description:
        "Entries involving at least one of the participants given: each one's timeline is read for one page, and the pages are merged.",
    },
  },
});

@ObjectType('TimelineEdge', { description: 'One entry of a timeline, with its date and cursor.' })
class TimelineEdge {
  @Field(() => String, { description: 'Opaque position of this entry; pass it as `after`.' })
  cursor!: string;

  @Field(() => PartialDateType, {
    description:
      "The entry's date: an event's start, an agreement's signing; \"unknown\" when the sources give it only relatively.",
  })
  date!: PartialDateValue;

  @Field(() => TimelineItem, { description: 'The event or agreement.' })
  node!: unknown;
}

@ObjectType('TimelineConnection', { description: 'A page of a timeline, earliest first.' })
class TimelineConnection {
  @Field(() => [TimelineEdge], { description: 'The entries of the page, each with its date and cursor.' })
  edges!: TimelineEdge[];

  @Field(() => [TimelineItem], { description: 'The events and agreements of the page.' })
  nodes!: unknown[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole timeline.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description: `How many entries the whole timeline holds: exact for the whole timeline and for one participant's (kept by the ingest); counted up to ${TIMELINE_COUNT_CAP.toLocaleString('en')} when filtered by several participants, dates or kinds, and then \`totalCountIsLowerBound\` says whether more exist.`,
  })
  totalCount!: number;

  @Field(() => Boolean, {
    description: `True when the timeline holds more than the ${TIMELINE_COUNT_CAP.toLocaleString('en')} entries \`totalCount\` counted.`,
  })
  totalCountIsLowerBound!: boolean;
}

interface EntryRow {
  type: 'Event' | 'Agreement';
  id: string;
  date: string | null;
  sort_key: string;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** The first and last day a checked partial date may mean ("2024-02": 2024-02-01 and 2024-02-29). */
function dayRange(date: string): [string, string] {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) {
    const last = Number(m) === 2 && leap(Number(y)) ? 29 : DAYS[Number(m) - 1]!;
    return [`${date}-01`, `${date}-${String(last).padStart(2, '0')}`];
  }
  return [`${date}-01-01`, `${date}-12-31`];
}

/**
 * Keeps entries whose date may fall in [from, to], by the earliest and latest day each may mean ("2025"
 * overlaps April 2025); unknown dates never match a range. The sort-key bounds narrow the index range:
 * an entry that may fall on or after `from` sorts at or after the start of its year, and one that may fall
 * on or before `to` sorts at or before its last day.
 */
function dateRange(c: Conditions, from: string | null | undefined, to: string | null | undefined): void {
  const start = from != null ? dateArg('from', from) : null;
  const end = to != null ? dateArg('to', to) : null;
  if (start && end && start > `${end}${PARTIAL_DATE_END_SUFFIX}`)
    throw badUserInput('to', `${end} is before from ${start}: expected a range that ends after it starts`);
  if (start || end) c.add('t.earliest IS NOT NULL');
  if (start) c.add('t.sort_key >= ? AND t.latest >= ?', `${start.slice(0, 4)}-00-00`, dayRange(start)[0]);
  if (end) c.add('t.sort_key <= ? AND t.earliest <= ?', `${dayRange(end)[1]}|~`, dayRange(end)[1]);
}

@Resolver()
export class TimelineResolver {
  @Query(() => TimelineConnection, {
    description:
      'Events and agreements in date order, optionally only those involving all (or any) of the given participants, in a date range, of some kinds. Year- and month-precision dates sort before the days they contain; unknown dates come last.',
  })
  async timeline(
    @Ctx() ctx: Context,
    @Args() args: PageArgs,
    @Arg('participants', () => [ID], {
      nullable: true,
      description: `Only entries involving these states, organizations or people (at most ${MAX_TIMELINE_PARTICIPANTS}): every one of them, or any of them as \`participantsMatch\` says.`,
    })
    participants?: string[],
    @Arg('participantsMatch', () => TimelineParticipantsMatch, {
      nullable: true,
      defaultValue: 'ALL',
      description: 'Whether an entry must involve all the participants given (the default), or any of them.',
    })
    participantsMatch?: keyof typeof TimelineParticipantsMatch | null,
    @Arg('from', () => String, {
      nullable: true,
      description: 'Only entries that may fall on or after this date ("2025", "2025-04", "2025-04-03").',
    })
    from?: string,
    @Arg('to', () => String, {
      nullable: true,
      description: 'Only entries that may fall on or before this date.',
    })
    to?: string,
    @Arg('kinds', () => [TimelineKind], {
      nullable: true,
      description: 'Only events and agreements of these kinds.',
    })
    kinds?: string[],
  ): Promise<ConnectionModel<unknown> & { totalCountIsLowerBound: Promise<boolean> | boolean }> {
    if ((participants?.length ?? 0) > MAX_TIMELINE_PARTICIPANTS)
      throw badUserInput('participants', `${participants!.length} ids: at most ${MAX_TIMELINE_PARTICIPANTS}`);
    const page = pageRequest(args);
    const slugs = [
      ...new Set(
        (participants ?? []).map((id, i) =>
          idArg(`participants[${i}]`, id, ['Country', 'Organization', 'Person']),
        ),
      ),
    ];
    const filters = new Conditions();
    dateRange(filters, from, to);
    if (kinds?.length) filters.add('t.kind IN (?)', kinds);

    if (participantsMatch === 'ANY' && slugs.length > 1) return this.anyOf(ctx, slugs, filters, page);

    // One timeline drives the read (the smallest of the participants'); the others are checked entry by
    // entry through their primary key, since an entry has the same sort key in every timeline.
    let driver = WHOLE_TIMELINE;
    let others: string[] = [];
    let empty = false;
    if (slugs.length === 1) driver = slugs[0]!;
    else if (slugs.length > 1) {
      const sizes = new Map(
        (
          await ctx.db.query<{ participant_id: string; entries: number }>(
            'SELECT participant_id, entries FROM timeline_count WHERE participant_id IN (?)',
            [slugs],
          )
        ).map((r) => [r.participant_id, Number(r.entries)]),
      );
      const bySize = [...slugs].sort((a, b) => (sizes.get(a) ?? 0) - (sizes.get(b) ?? 0));
      empty = (sizes.get(bySize[0]!) ?? 0) === 0;
      [driver, ...others] = bySize as [string, ...string[]];
    }
    const where = new Conditions().add('t.participant_id = ?', driver);
    for (const other of others)
      where.add(
        'EXISTS (SELECT 1 FROM timeline_entry o WHERE o.participant_id = ? AND o.sort_key = t.sort_key AND o.entry_id = t.entry_id)',
        other,
      );
    where.where.push(...filters.where);
    where.params.push(...filters.params);

    const keyset = keysetClause('t.sort_key', 't.entry_id', page);
    const rows = empty
      ? []
      : await ctx.db.query<EntryRow>(
          `SELECT t.entry_type AS type, t.entry_id AS id, t.date, t.sort_key FROM timeline_entry t
            WHERE ${[...where.where, ...keyset.where].join(' AND ')} ORDER BY ${keyset.orderBy} LIMIT ?`,
          [...where.params, ...keyset.params, keyset.limit],
        );
    return this.connection(ctx, rows, page, () =>
      empty
        ? Promise.resolve({ n: 0, capped: false })
        : others.length === 0 && filters.where.length === 0
          ? ctx.db
              .query<{ entries: number }>('SELECT entries FROM timeline_count WHERE participant_id = ?', [
                driver,
              ])
              .then(([r]) => ({ n: Number(r?.entries ?? 0), capped: false }))
          : this.cappedCount(
              ctx,
              `SELECT COUNT(*) AS n FROM (SELECT 1 FROM timeline_entry t WHERE ${where.where.join(' AND ')} LIMIT ?) x`,
              [...where.params, TIMELINE_COUNT_CAP + 1],
            ),
    );
  }

  /** Entries of any of several timelines: one page of each, read in order, merged and deduplicated. */
  private async anyOf(ctx: Context, slugs: string[], filters: Conditions, page: PageRequest) {
    const keyset = keysetClause('t.sort_key', 't.entry_id', page);
    const merged = keysetClause('u.sort_key', 'u.entry_id', page);
    const part = (extra: string[], orderBy: string) =>
      `(SELECT t.entry_type, t.entry_id, t.date, t.sort_key FROM timeline_entry t
         WHERE ${['t.participant_id = ?', ...filters.where, ...extra].join(' AND ')} ORDER BY ${orderBy} LIMIT ?)`;
    const rows = await ctx.db.query<EntryRow>(
      `SELECT u.entry_type AS type, u.entry_id AS id, MIN(u.date) AS date, u.sort_key FROM (
         ${slugs.map(() => part(keyset.where, keyset.orderBy)).join(' UNION ALL ')}
       ) u GROUP BY u.sort_key, u.entry_id, u.entry_type ORDER BY ${merged.orderBy} LIMIT ?`,
      [...slugs.flatMap((slug) => [slug, ...filters.params, ...keyset.params, keyset.limit]), merged.limit],
    );
    const counted = `(SELECT COUNT(DISTINCT u.entry_id) FROM (${slugs
      .map(() => part([], 't.sort_key, t.entry_id'))
      .join(' UNION ALL ')}) u)`;
    const countParams = slugs.flatMap((slug) => [slug, ...filters.params, TIMELINE_COUNT_CAP + 1]);
    return this.connection(ctx, rows, page, () =>
      filters.where.length > 0
        ? this.cappedCount(ctx, `SELECT ${counted} AS n`, countParams)
        : // unfiltered, one participant's timeline (its count kept by the ingest) past the cap makes their
          // union pass it too: then nothing is read (the database evaluates the CASE's branches lazily)
          this.cappedCount(
            ctx,
            `SELECT CASE WHEN (SELECT MAX(c.entries) FROM timeline_count c WHERE c.participant_id IN (?)) > ? THEN ? ELSE ${counted} END AS n`,
            [slugs, TIMELINE_COUNT_CAP, TIMELINE_COUNT_CAP + 1, ...countParams],
          ),
    );
  }

  /** A count that stops at the cap: reading stays bounded, and the flag says when more exist. */
  private cappedCount(ctx: Context, sql: string, params: SqlValue[]) {
    return ctx.db.query<{ n: number }>(sql, params).then(([r]) => {
      const n = Number(r?.n ?? 0);
      return { n: Math.min(n, TIMELINE_COUNT_CAP), capped: n > TIMELINE_COUNT_CAP };
    });
  }

  private async connection(
    ctx: Context,
    rows: EntryRow[],
    page: PageRequest,
    count: () => Promise<{ n: number; capped: boolean }>,
  ) {
    const nodes = new Map(
      await Promise.all(rows.map(async (r) => [r, await loadEntity(ctx, r.type, r.id)] as const)),
    );

    let counted: Promise<{ n: number; capped: boolean }> | undefined;
    const connection = withEdgeFields(
      toConnection(
        rows,
        page,
        (r) => [r.sort_key, r.id],
        (r) => ({ node: nodes.get(r) ?? null, date: toPartialDate(r.date ?? 'unknown') }),
        () => (counted ??= count()).then((c) => c.n),
      ),
    );
    return Object.defineProperty(connection, 'totalCountIsLowerBound', {
      get: () => (counted ??= count()).then((c) => c.capped),
    }) as typeof connection & { totalCountIsLowerBound: Promise<boolean> };
  }
}
