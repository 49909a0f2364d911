import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Person', {
  implements: Node,
  description: 'A person the sources name, with the positions they held.',
})
export class Person extends Node {}
declareSourcedFields(Person, 'Person');

@ObjectType('PersonConnection', { description: 'A page of people.' })
export class PersonConnection extends Connection(Person, 'Person', 'people') {}
