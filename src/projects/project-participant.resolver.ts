import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { PageArgs } from '../graph/page-args';
import { childConnection } from '../graph/lists';
import { Actor } from '../organizations/actor.union';
import { Organization } from '../organizations/organization.type';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { ProjectParticipant, ProjectParticipantConnection } from './project-participant.type';
import { Project } from './project.type';

/** A project participant; the participant's type rides along from its row, so `participant` needs no type lookup. */
export const toProjectParticipant = (row: Record<string, unknown>): EntityModel => ({
  ...toEntityModel('ProjectParticipant', row),
  participantType: row.participant_type ?? null,
});

/** The projects a state or organization is involved in, by project name (ingest/list-sort-keys.ts). */
const participationsOfParticipant = {
  name: 'projectParticipantsByParticipant',
  table: 'project_participant',
  parentColumns: ['participant_id'],
  sortColumn: 'participant_sort',
};

@Resolver(() => ProjectParticipant)
export class ProjectParticipantResolver extends RelationshipResolver(
  'ProjectParticipant',
  ProjectParticipant,
) {
  @FieldResolver(() => Project, { description: 'The project.' })
  project(@Root() participant: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Project', participant.projectId as string);
  }

  @FieldResolver(() => Actor, { description: 'The participant: a state or an organization.' })
  participant(@Root() participant: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(
      ctx,
      participant.participantId as string,
      participant.participantType as string | undefined,
    );
  }
}

@Resolver(() => Country)
export class CountryProjectsResolver {
  @FieldResolver(() => ProjectParticipantConnection, {
    description:
      'The projects this country is involved in, by project name, each with its role and sources; `node.project` is the project.',
  })
  projects(@Root() country: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, participationsOfParticipant, country.slug, page, toProjectParticipant);
  }
}

@Resolver(() => Organization)
export class OrganizationProjectsResolver {
  @FieldResolver(() => ProjectParticipantConnection, {
    description:
      'The projects this organization is involved in, by project name, each with its role and sources; `node.project` is the project.',
  })
  projects(@Root() organization: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, participationsOfParticipant, organization.slug, page, toProjectParticipant);
  }
}
