import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@Directive('@key(fields: "iso2")')
@ObjectType('Country', {
  implements: Node,
  description:
    'A state, present or historical. Each plain field holds the preferred value of its claims; `claims` gives every value with its sources.',
})
export class Country extends Node {}
declareSourcedFields(Country, 'Country');

@ObjectType('CountryConnection', { description: 'A page of countries.' })
export class CountryConnection extends Connection(Country, 'Country', 'countries') {}
