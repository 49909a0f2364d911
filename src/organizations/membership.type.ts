import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Membership', {
  implements: Node,
  description:
    'A state or organization belonging to an organization: with its status, its dates, its rank and the quotes that establish it.',
})
export class Membership extends Node {}
declareSourcedFields(Membership, 'Membership');

@ObjectType('MembershipConnection', { description: 'A page of memberships.' })
export class MembershipConnection extends Connection(Membership, 'Membership', 'memberships') {}
