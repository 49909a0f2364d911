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
import { loadEntity } from '../provenance/nodes';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { Organization, OrganizationConnection } from './organization.type';
import { entityColumns } from '../graph/loaders';

@InputType('OrganizationFilter', { description: 'Which organizations to list; all conditions must hold.' })
class OrganizationFilter {
  @Field(() => [GRAPHQL_ENUMS.organizationKind], {
    nullable: true,
    description: 'Only organizations of these kinds.',
  })
  kinds?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only the institutions and bodies of this organization (its children).',
  })
  parent?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only organizations that this state or organization is a member of.',
  })
  member?: string;
}

export const { field: OrganizationOrderField, input: OrganizationOrder } = orderInput(
  'Organization',
  'organizations',
  {
    NAME: 'Their name.',
    FOUNDED: 'When they were founded; unknown last.',
  },
);
type OrganizationOrder = InstanceType<typeof OrganizationOrder>;

const toOrganization = (row: Record<string, unknown>) => toEntityModel('Organization', row);

@Resolver(() => Organization)
export class OrganizationResolver extends NamedEntityResolver('Organization', Organization) {
  @Query(() => Organization, {
    nullable: true,
    description:
      'One organization by exactly one of: its id, or a name, acronym, alias or former name (case and diacritics ignored: "Turkic Council" and "TDT" find the Organization of Turkic States). Null when none matches.',
  })
  organization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('name', () => String, { nullable: true, description: 'A name, acronym, alias or former name.' })
    name?: string,
  ): Promise<EntityModel | null> {
    return entityByIdOrName(ctx, 'Organization', 'organization', id, name);
  }

  @Query(() => OrganizationConnection, {
    description: 'Organizations, filtered and sorted (by name unless asked otherwise).',
  })
  organizations(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: 'Which organizations to list.' })
    filter?: OrganizationFilter,
    @Arg('orderBy', () => OrganizationOrder, {
      nullable: true,
      description: 'How to sort them; by name by default.',
    })
    orderBy?: OrganizationOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.kinds?.length) c.add('t.kind IN (?)', filter.kinds);
    if (filter?.parent) c.add('t.parent_id = ?', idArg('filter.parent', filter.parent, ['Organization']));
    if (filter?.member)
      c.add(
        't.id IN (SELECT m.organization_id FROM membership m WHERE m.member_id = ?)',
        idArg('filter.member', filter.member, ['Country', 'Organization']),
      );
    return rootConnection(
      ctx,
      {
        name: 'organizations',
        table: 'organization',
        columns: entityColumns('Organization'),
        where: c.where,
        params: c.params,
        sortColumn: orderBy?.field === 'FOUNDED' ? 'founded_sort' : 'name',
        descending: orderBy?.direction === 'DESC',
      },
      page,
      toOrganization,
    );
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description:
      'The organization this one belongs to (an EU institution belongs to the EU); null for a top-level organization.',
  })
  parent(@Root() organization: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Organization', organization.parentId as string | null);
  }

  @FieldResolver(() => OrganizationConnection, {
    description: 'The institutions and bodies that belong to this organization, by name.',
  })
  children(@Root() organization: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(
      ctx,
      {
        name: 'organizationsByParent',
        table: 'organization',
        columns: entityColumns('Organization'),
        parentColumns: ['parent_id'],
        sortColumn: 'name',
      },
      organization.slug,
      page,
      toOrganization,
    );
  }
}
