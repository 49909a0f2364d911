import {
  CountryEventsResolver,
  EventParticipantResolver,
  OrganizationEventsResolver,
  PersonEventsResolver,
} from './event-participant.resolver';
import { EventResolver } from './event.resolver';

export const EVENT_RESOLVERS = [
  EventResolver,
  EventParticipantResolver,
  CountryEventsResolver,
  OrganizationEventsResolver,
  PersonEventsResolver,
] as const;
