import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('ProjectParticipant', {
  implements: Node,
  description: 'A state or organization involved in a project, with its role, rank and sources.',
})
export class ProjectParticipant extends Node {}
declareSourcedFields(ProjectParticipant, 'ProjectParticipant');

@ObjectType('ProjectParticipantConnection', { description: 'A page of project participants.' })
export class ProjectParticipantConnection extends Connection(
  ProjectParticipant,
  'ProjectParticipant',
  'project participants',
) {}
