import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { AsOfArgs, asOfList, EVENT_SPAN } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { childConnection } from '../graph/lists';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { EventParticipant, EventParticipantConnection } from './event-participant.type';
import { Event } from './event.type';
import { Participant } from './participant.union';
import { entityColumns } from '../graph/loaders';

export const toEventParticipant = (row: Record<string, unknown>) => toEntityModel('EventParticipant', row);

/** The participations of a state, organization or person, by the event's start date, unknown last (ingest/list-sort-keys.ts). */
const participationsOfParticipant = {
  name: 'eventParticipantsByParticipant',
  table: 'event_participant',
  columns: entityColumns('EventParticipant'),
  parentColumns: ['participant_id'],
  sortColumn: 'participant_sort',
};

const EVENTS_DESCRIPTION =
  'took part in, as participations with role and sources, by start date (unknown last); `node.event` is the event.';

@Resolver(() => EventParticipant)
export class EventParticipantResolver extends RelationshipResolver('EventParticipant', EventParticipant) {
  @FieldResolver(() => Event, { description: 'The event.' })
  event(@Root() participation: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Event', participation.eventId as string);
  }

  @FieldResolver(() => Participant, {
    description: 'Who took part: a state, an organization or a person.',
  })
  participant(@Root() participation: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(
      ctx,
      participation.participantId as string,
      participation.participantType as string | undefined,
    );
  }
}

@Resolver(() => Country)
export class CountryEventsResolver {
  @FieldResolver(() => EventParticipantConnection, {
    description: `The events this country ${EVENTS_DESCRIPTION}`,
  })
  events(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(participationsOfParticipant, EVENT_SPAN, asOf);
    return childConnection(ctx, spec, country.slug, page, toEventParticipant);
  }
}

@Resolver(() => Organization)
export class OrganizationEventsResolver {
  @FieldResolver(() => EventParticipantConnection, {
    description: `The events this organization ${EVENTS_DESCRIPTION}`,
  })
  events(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(participationsOfParticipant, EVENT_SPAN, asOf);
    return childConnection(ctx, spec, organization.slug, page, toEventParticipant);
  }
}

@Resolver(() => Person)
export class PersonEventsResolver {
  @FieldResolver(() => EventParticipantConnection, {
    description: `The events this person ${EVENTS_DESCRIPTION}`,
  })
  events(
    @Root() person: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(participationsOfParticipant, EVENT_SPAN, asOf);
    return childConnection(ctx, spec, person.slug, page, toEventParticipant);
  }
}
