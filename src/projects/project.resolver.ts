import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { PageArgs } from '../graph/page-args';
import { Conditions, idArg } from '../graph/filters';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { entityByIdOrName } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { ProjectParticipantConnection } from './project-participant.type';
import { toProjectParticipant } from './project-participant.resolver';
import { Project, ProjectConnection } from './project.type';
import { entityColumns } from '../graph/loaders';

@InputType('ProjectFilter', { description: 'Which projects to list; all conditions must hold.' })
class ProjectFilter {
  @Field(() => [GRAPHQL_ENUMS.projectKind], {
    nullable: true,
    description: 'Only projects of these kinds.',
  })
  kinds?: string[];

  @Field(() => [GRAPHQL_ENUMS.projectStatus], {
    nullable: true,
    description: 'Only projects with these statuses.',
  })
  statuses?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only projects this state or organization takes part in (in any role).',
  })
  participant?: string;
}

export const { field: ProjectOrderField, input: ProjectOrder } = orderInput('Project', 'projects', {
  NAME: 'Their name.',
});
type ProjectOrder = InstanceType<typeof ProjectOrder>;

const toProject = (row: Record<string, unknown>) => toEntityModel('Project', row);

/** The participants of a project, by the name of the state or organization (ingest/list-sort-keys.ts). */
const participantsOfProject = {
  name: 'projectParticipantsByProject',
  table: 'project_participant',
  parentColumns: ['project_id'],
  sortColumn: 'project_sort',
};

@Resolver(() => Project)
export class ProjectResolver extends NamedEntityResolver('Project', Project) {
  @Query(() => Project, {
    nullable: true,
    description:
      'One project by exactly one of: its id, or its name or another name it is known by (case and diacritics ignored: "middle corridor" finds the Middle Corridor). Null when none matches.',
  })
  project(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('name', () => String, { nullable: true, description: 'A name or alias.' }) name?: string,
  ): Promise<EntityModel | null> {
    return entityByIdOrName(ctx, 'Project', 'project', id, name);
  }

  @Query(() => ProjectConnection, {
    description: 'Infrastructure projects and programmes, filtered and sorted by name.',
  })
  projects(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Which projects to list.' })
    filter?: ProjectFilter,
    @Arg('orderBy', () => ProjectOrder, {
      nullable: true,
      description: 'How to sort them; by name, A to Z, by default.',
    })
    orderBy?: ProjectOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.kinds?.length) c.add('t.kind IN (?)', filter.kinds);
    if (filter?.statuses?.length) c.add('t.status IN (?)', filter.statuses);
    if (filter?.participant)
      c.add(
        't.id IN (SELECT p.project_id FROM project_participant p WHERE p.participant_id = ?)',
        idArg('filter.participant', filter.participant, ['Country', 'Organization']),
      );
    return rootConnection(
      ctx,
      {
        name: 'projects',
        table: 'project',
        columns: entityColumns('Project'),
        where: c.where,
        params: c.params,
        sortColumn: 'name',
        descending: orderBy?.direction === 'DESC',
      },
      page,
      toProject,
    );
  }

  @FieldResolver(() => ProjectParticipantConnection, {
    description:
      'The states and organizations involved in this project, by name, each with its role and sources; `node.participant` is the state or organization.',
  })
  participants(@Root() project: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, participantsOfProject, project.slug, page, toProjectParticipant);
  }
}
