import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Agreement', {
  implements: Node,
  description:
    'An agreement, declaration, memorandum, fund or initiative between states and organizations, with its dates, status and parties.',
})
export class Agreement extends Node {}
declareSourcedFields(Agreement, 'Agreement');

@ObjectType('AgreementConnection', { description: 'A page of agreements.' })
export class AgreementConnection extends Connection(Agreement, 'Agreement', 'agreements') {}
