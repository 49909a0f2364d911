import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { AsOfArgs, asOfList, type Validity } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { childConnection } from '../graph/lists';
import { entityColumns } from '../graph/loaders';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { Actor } from './actor.union';
import { Membership, MembershipConnection } from './membership.type';
import { Organization } from './organization.type';

/** A membership held from its `since` to its `until`. */
const MEMBERSHIP_VALIDITY: Validity = { from: 'since', to: 'until' };

const toMembership = (row: Record<string, unknown>) => toEntityModel('Membership', row);

/** Memberships of a member, earliest first (undated last), then by organization name (ingest/list-sort-keys.ts). */
const membershipsOfMember = {
  name: 'membershipsByMember',
  table: 'membership',
  columns: entityColumns('Membership'),
  parentColumns: ['member_id'],
  sortColumn: 'member_sort',
};

/** Members of an organization, founding members and earliest first, then by name (ingest/list-sort-keys.ts). */
const membersOfOrganization = {
  name: 'membershipsByOrganization',
  table: 'membership',
  columns: entityColumns('Membership'),
  parentColumns: ['organization_id'],
  sortColumn: 'organization_sort',
};

@Resolver(() => Membership)
export class MembershipResolver extends RelationshipResolver('Membership', Membership) {
  @FieldResolver(() => Actor, { description: 'The member: a state or an organization.' })
  member(@Root() membership: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(ctx, membership.memberId as string, membership.memberType as string);
  }

  @FieldResolver(() => Organization, { description: 'The organization the member belongs to.' })
  organization(@Root() membership: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Organization', membership.organizationId as string);
  }
}

@Resolver(() => Country)
export class CountryMembershipsResolver {
  @FieldResolver(() => MembershipConnection, {
    description:
      'The organizations this country belongs to, as memberships with status, dates and sources; `node.organization` is the organization.',
  })
  memberships(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(membershipsOfMember, MEMBERSHIP_VALIDITY, asOf);
    return childConnection(ctx, spec, country.slug, page, toMembership);
  }
}

@Resolver(() => Organization)
export class OrganizationMembershipsResolver {
  @FieldResolver(() => MembershipConnection, {
    description:
      'The members of this organization (founding members first), each with status, dates and sources; `node.member` is the state or organization.',
  })
  members(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(membersOfOrganization, MEMBERSHIP_VALIDITY, asOf);
    return childConnection(ctx, spec, organization.slug, page, toMembership);
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'The organizations this organization itself belongs to.',
  })
  memberships(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(membershipsOfMember, MEMBERSHIP_VALIDITY, asOf);
    return childConnection(ctx, spec, organization.slug, page, toMembership);
  }
}
