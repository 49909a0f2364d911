import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('AgreementParty', {
  implements: Node,
  description:
    'A state or organization taking part in an agreement: its role (signatory, adopter...), when, its rank and the quotes that establish it.',
})
export class AgreementParty extends Node {}
declareSourcedFields(AgreementParty, 'AgreementParty');

@ObjectType('AgreementPartyConnection', { description: 'A page of agreement parties.' })
export class AgreementPartyConnection extends Connection(
  AgreementParty,
  'AgreementParty',
  'agreement parties',
) {}
