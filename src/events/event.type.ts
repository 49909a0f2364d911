import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Event', {
  implements: Node,
  description:
    'An event: a summit, a meeting, a visit, an announcement, a war or mission; with its dates to the precision known, its place and its participants.',
})
export class Event extends Node {}
declareSourcedFields(Event, 'Event');

@ObjectType('EventConnection', { description: 'A page of events.' })
export class EventConnection extends Connection(Event, 'Event', 'events') {}
