import { Directive, ObjectType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import { declareSourcedFields } from '../provenance/sourced-fields';

@Directive('@key(fields: "id")')
@ObjectType('Project', {
  implements: Node,
  description:
    'An infrastructure project or programme: a pipeline, railway, corridor, port, cable or fund, with its status and participants.',
})
export class Project extends Node {}
declareSourcedFields(Project, 'Project');

@ObjectType('ProjectConnection', { description: 'A page of projects.' })
export class ProjectConnection extends Connection(Project, 'Project', 'projects') {}
