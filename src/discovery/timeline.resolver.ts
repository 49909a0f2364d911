/**
 * `timeline`: events and agreements in one date order. Partial dates sort as their text, so "2025" comes
 * before "2025-04-03" (it may be any day of the year, and is never taken as January 1st); unknown dates
 * come last and never match a date range.
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
import { Conditions, dateSortExpr, idArg, overlapsRange } from '../graph/filters';
import { ENUMS } from '../provenance/entity-types';
import type { NodeModel } from '../provenance/node.type';
import { loadEntity } from '../provenance/nodes';
import { PartialDateType } from '../provenance/partial-date.type';
import { toPartialDate, type PartialDateValue } from '../provenance/partial-date';

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

  @Field(() => Int, { description: 'How many entries the whole timeline holds.' })
  totalCount!: number;
}

interface EntryRow {
  type: 'Event' | 'Agreement';
  id: string;
  date: string | null;
  sort_key: string;
}

@Resolver()
export class TimelineResolver {
  @Query(() => TimelineConnection, {
    description:
      'Events and agreements in date order, optionally only those involving all the given participants, in a date range, of some kinds. Year- and month-precision dates sort before the days they contain; unknown dates come last.',
  })
  async timeline(
    @Ctx() ctx: Context,
    @Args() args: PageArgs,
    @Arg('participants', () => [ID], {
      nullable: true,
      description: `Only entries involving every one of these states, organizations or people (at most ${MAX_TIMELINE_PARTICIPANTS}).`,
    })
    participants?: string[],
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
  ): Promise<ConnectionModel<unknown>> {
    if ((participants?.length ?? 0) > MAX_TIMELINE_PARTICIPANTS)
      throw badUserInput('participants', `${participants!.length} ids: at most ${MAX_TIMELINE_PARTICIPANTS}`);
    const page = pageRequest(args);
    const slugs = (participants ?? []).map((id, i) =>
      idArg(`participants[${i}]`, id, ['Country', 'Organization', 'Person']),
    );
    const events = new Conditions();
    const agreements = new Conditions();
    for (const slug of slugs) {
      events.add(
        'EXISTS (SELECT 1 FROM event_participant p WHERE p.event_id = e.id AND p.participant_id = ?)',
        slug,
      );
      agreements.add(
        'EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = a.id AND p.party_id = ?)',
        slug,
      );
    }
    const outer = new Conditions();
    overlapsRange(outer, 'x.date', from, to, ['from', 'to']);
    if (kinds?.length) outer.add('x.kind IN (?)', kinds);
    const where = (c: Conditions) => (c.where.length ? `WHERE ${c.where.join(' AND ')}` : '');
    const entries = `SELECT x.*, CONCAT(${dateSortExpr('x.date')}, '|', x.type) AS sort_key FROM (
        SELECT 'Event' AS type, e.id, e.start AS date, e.kind FROM event e ${where(events)}
        UNION ALL
        SELECT 'Agreement', a.id, a.signed, a.kind FROM agreement a ${where(agreements)}
      ) x ${where(outer)}`;
    const params = [...events.params, ...agreements.params, ...outer.params];
    const keyset = keysetClause('y.sort_key', 'y.id', page);
    const rows = await ctx.db.query<EntryRow>(
      `SELECT y.* FROM (${entries}) y ${keyset.where.length ? `WHERE ${keyset.where.join(' AND ')}` : ''} ORDER BY ${keyset.orderBy} LIMIT ?`,
      [...params, ...keyset.params, keyset.limit],
    );
    const nodes = new Map(
      await Promise.all(rows.map(async (r) => [r, await loadEntity(ctx, r.type, r.id)] as const)),
    );
    return withEdgeFields(
      toConnection(
        rows,
        page,
        (r) => [r.sort_key, r.id],
        (r) => ({ node: nodes.get(r) ?? null, date: toPartialDate(r.date ?? 'unknown') }),
        async () =>
          Number(
            (await ctx.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM (${entries}) y`, params))[0]?.n ??
              0,
          ),
      ),
    );
  }
}
