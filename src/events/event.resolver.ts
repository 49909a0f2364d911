import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { AgreementConnection } from '../agreements/agreement.type';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { Conditions, idArg, overlapsSpanRange } from '../graph/filters';
import { AsOfArgs, asOfList, EVENT_SPAN } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { entityByIdOrName } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadEntity } from '../provenance/nodes';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { toEventParticipant } from './event-participant.resolver';
import { EventParticipantConnection } from './event-participant.type';
import { Event, EventConnection } from './event.type';
import { entityColumns } from '../graph/loaders';

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

/** Participants of an event: hosts, then chairs, then everyone else, each group by name (ingest/list-sort-keys.ts). */
const participantsOfEvent = {
  name: 'eventParticipantsByEvent',
  table: 'event_participant',
  columns: entityColumns('EventParticipant'),
  parentColumns: ['event_id'],
  sortColumn: 'event_sort',
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
        't.id IN (SELECT ep.event_id FROM event_participant ep WHERE ep.participant_id = ?)',
        idArg('filter.participant', filter.participant, ['Country', 'Organization', 'Person']),
      );
    if (filter?.country) c.add('t.country_id = ?', idArg('filter.country', filter.country, ['Country']));
    if (filter?.city) c.add('t.city = ?', filter.city);
    const descending = orderBy?.direction === 'DESC';
    // unknown last in either direction: read backwards, the descending key puts them last
    const byStart = orderBy?.field === 'NAME' ? null : descending ? 'start_sort_desc' : 'start_sort';
    const branches = overlapsSpanRange(
      c,
      filter?.from,
      filter?.to,
      ['filter.from', 'filter.to'],
      byStart ? `t.${byStart}` : undefined,
    );
    return rootConnection(
      ctx,
      {
        name: 'events',
        table: 'event',
        columns: entityColumns('Event'),
        where: c.where,
        params: c.params,
        branches,
        sortColumn: byStart ?? 'name',
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
  participants(
    @Root() event: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    // every participation holds for the event's own span: all of them or none
    const spec = asOfList(participantsOfEvent, EVENT_SPAN, asOf);
    return childConnection(ctx, spec, event.slug, page, toEventParticipant);
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
        table: 'event',
        columns: entityColumns('Event'),
        parentColumns: ['part_of_id'],
        sortColumn: 'start_sort',
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
      {
        name: 'agreementsByEvent',
        table: 'agreement',
        columns: entityColumns('Agreement'),
        parentColumns: ['event_id'],
        sortColumn: 'name',
      },
      event.slug,
      page,
      toAgreement,
    );
  }
}
