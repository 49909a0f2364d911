import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Position', {
  implements: Node,
  description:
    'A position a person held (President of Uzbekistan, press secretary), with its dates, rank and sources.',
})
export class Position extends Node {}
declareSourcedFields(Position, 'Position');

@ObjectType('PositionConnection', { description: 'A page of positions.' })
export class PositionConnection extends Connection(Position, 'Position', 'positions') {}
