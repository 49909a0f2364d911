import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('EventParticipant', {
  implements: Node,
  description:
    'A state, organization or person taking part in an event, with its role, its rank and the quotes that establish it.',
})
export class EventParticipant extends Node {}
declareSourcedFields(EventParticipant, 'EventParticipant');

@ObjectType('EventParticipantConnection', { description: 'A page of event participants.' })
export class EventParticipantConnection extends Connection(
  EventParticipant,
  'EventParticipant',
  'event participants',
) {}
