import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { AgreementConnection } from '../agreements/agreement.type';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { PageArgs, type ConnectionModel } from '../graph/connection';
import { badUserInput } from '../graph/errors';
import { Conditions, dateArg, dateSortExpr, idArg } from '../graph/filters';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { entityByIdOrName } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadEntity } from '../provenance/nodes';
import { PARTIAL_DATE_END_SUFFIX } from '../provenance/partial-date';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { toEventParticipant } from './event-participant.resolver';
import { EventParticipantConnection } from './event-participant.type';
import { Event, EventConnection } from './event.type';

@InputType('EventFilter', { description: 'Which events to list; all conditions must hold.' })
class EventFilter {
  @Field(() => [GRAPHQL_ENUMS.eventKind], { nullable: true, description: 'Only events of these kinds.' })
  kinds?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only events this state, organization or person took part in (in any role).',
  })
  participant?: string;

  @Field(() => ID, { nullable: true, description: 'Only events that took place in this country.' })
  country?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only events that took place in this city, as the sources name it ("Samarkand").',
  })
  city?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only events that may have been under way on or after this partial date (YYYY, YYYY-MM or YYYY-MM-DD): those ending, or for a one-day event starting, then or later. Events with an unknown date never match.',
  })
  from?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only events that may have begun on or before this partial date (YYYY, YYYY-MM or YYYY-MM-DD); "2025" includes all of 2025. Events with an unknown date never match.',
  })
  to?: string;
}

export const { field: EventOrderField, input: EventOrder } = orderInput('Event', 'events', {
  START: 'When they began; unknown last in either direction.',
  NAME: 'Their name.',
});
type EventOrder = InstanceType<typeof EventOrder>;

export const toEvent = (row: Record<string, unknown>) => toEntityModel('Event', row);
const toAgreement = (row: Record<string, unknown>) => toEntityModel('Agreement', row);

/**
 * Keeps events whose span [start, end] (or the start alone, for an event without an end) may intersect
 * [from, to], each partial date standing for every day it may mean. Events with an unknown or missing
 * start never match a range; an event whose end is known to exist but not when may reach any later date.
 */
function overlapsEventRange(c: Conditions, from: string | null | undefined, to: string | null | undefined) {
  const start = from ? dateArg('filter.from', from) : null;
  const end = to ? dateArg('filter.to', to) : null;
  if (start && end && start > `${end}${PARTIAL_DATE_END_SUFFIX}`)
    throw badUserInput(
      'filter.to',
      `${end} is before filter.from ${start}: expected a range that ends after it starts`,
    );
  if (!start && !end) return;
  c.add("t.start IS NOT NULL AND t.start <> 'unknown'");
  if (start)
    c.add(
      `(t.\`end\` = 'unknown' OR CONCAT(COALESCE(t.\`end\`, t.start), '${PARTIAL_DATE_END_SUFFIX}') >= ?)`,
      start,
    );
  if (end) c.add('t.start <= ?', `${end}${PARTIAL_DATE_END_SUFFIX}`);
}

/** Participants of an event: hosts, then chairs, then everyone else, each group by name. */
const participantsOfEvent = {
  name: 'eventParticipantsByEvent',
  from: 'event_participant t LEFT JOIN country pc ON pc.id = t.participant_id LEFT JOIN organization po ON po.id = t.participant_id LEFT JOIN person pp ON pp.id = t.participant_id',
  parentExpr: 't.event_id',
  sortExpr:
    "CONCAT(COALESCE(NULLIF(FIELD(t.role, 'HOST', 'CHAIR'), 0), 9), '|', COALESCE(pc.name, po.name, pp.name, t.participant_id))",
};

@Resolver(() => Event)
export class EventResolver extends NamedEntityResolver('Event', Event) {
  @Query(() => Event, {
    nullable: true,
    description:
      'One event by exactly one of: its id, or a name or alias (case and diacritics ignored: "EU-Central Asia summit" finds the Central Asia-European Union Summit). Null when none matches.',
  })
  event(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('name', () => String, { nullable: true, description: 'A name or alias.' }) name?: string,
  ): Promise<EntityModel | null> {
    return entityByIdOrName(ctx, 'Event', 'event', id, name);
  }

  @Query(() => EventConnection, {
    description: 'Events, filtered and sorted (by start date, unknown last, unless asked otherwise).',
  })
  events(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Which events to list.' })
    filter?: EventFilter,
    @Arg('orderBy', () => EventOrder, {
      nullable: true,
      description: 'How to sort them; by start date, earliest first, by default.',
    })
    orderBy?: EventOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.kinds?.length) c.add('t.kind IN (?)', filter.kinds);
    if (filter?.participant)
      c.add(
        'EXISTS (SELECT 1 FROM event_participant ep WHERE ep.event_id = t.id AND ep.participant_id = ?)',
        idArg('filter.participant', filter.participant, ['Country', 'Organization', 'Person']),
      );
    if (filter?.country) c.add('t.country_id = ?', idArg('filter.country', filter.country, ['Country']));
    if (filter?.city) c.add('t.city = ?', filter.city);
    overlapsEventRange(c, filter?.from, filter?.to);
    const descending = orderBy?.direction === 'DESC';
    return rootConnection(
      ctx,
      {
        name: 'events',
        from: 'event t',
        where: c.where,
        params: c.params,
        sortExpr: orderBy?.field === 'NAME' ? 't.name' : dateSortExpr('t.start', descending),
        descending,
      },
      page,
      toEvent,
    );
  }

  @FieldResolver(() => EventParticipantConnection, {
    description:
      'Who took part: states, organizations and people, hosts and chairs first, then by name; `node.participant` is the participant.',
  })
  participants(@Root() event: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, participantsOfEvent, event.slug, page, toEventParticipant);
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country where it took place; null when the sources do not say.',
  })
  country(@Root() event: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Country', event.countryId as string | null);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description:
      'The larger event it was part of (the summit a meeting was held on the sidelines of); null when none.',
  })
  partOf(@Root() event: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Event', event.partOfId as string | null);
  }

  @FieldResolver(() => EventConnection, {
    description:
      'The smaller events that were part of this one (meetings on its sidelines), by start date, unknown last.',
  })
  parts(@Root() event: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(
      ctx,
      {
        name: 'eventsByPartOf',
        from: 'event t',
        parentExpr: 't.part_of_id',
        sortExpr: dateSortExpr('t.start'),
      },
      event.slug,
      page,
      toEvent,
    );
  }

  @FieldResolver(() => AgreementConnection, {
    description: 'The agreements, declarations and statements signed or adopted at this event, by title.',
  })
  outcomes(@Root() event: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(
      ctx,
      { name: 'agreementsByEvent', from: 'agreement t', parentExpr: 't.event_id', sortExpr: 't.name' },
      event.slug,
      page,
      toAgreement,
    );
  }
}
