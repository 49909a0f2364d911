import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Figure', {
  implements: Node,
  description:
    'A number about a subject (a country, an organization, a pair of them, a project): metric, value, unit, period and the words as stated, with its sources. Where sources give different numbers, each is a claim on `value`.',
})
export class Figure extends Node {}
declareSourcedFields(Figure, 'Figure');

@ObjectType('FigureConnection', { description: 'A page of figures.' })
export class FigureConnection extends Connection(Figure, 'Figure', 'figures') {}
