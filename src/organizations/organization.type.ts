import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Organization', {
  implements: Node,
  description:
    'An intergovernmental organization, an institution, a bank, an agency, a company... A renamed organization keeps one id; its former names are aliases with the years they applied (see `claims(fields: [ALIASES])`).',
})
export class Organization extends Node {}
declareSourcedFields(Organization, 'Organization');

@ObjectType('OrganizationConnection', { description: 'A page of organizations.' })
export class OrganizationConnection extends Connection(Organization, 'Organization', 'organizations') {}
