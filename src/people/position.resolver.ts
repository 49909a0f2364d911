import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { AsOfArgs, asOfList, type Validity } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { childConnection } from '../graph/lists';
import { Actor } from '../organizations/actor.union';
import { Organization } from '../organizations/organization.type';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { Person } from './person.type';
import { Position, PositionConnection } from './position.type';
import { entityColumns } from '../graph/loaders';

/** A position held from its `since` to its `until`. */
export const POSITION_VALIDITY: Validity = { from: 'since', to: 'until' };

export const toPosition = (row: Record<string, unknown>) => toEntityModel('Position', row);

/** Latest `since` first (undated last), then by title: the stored `recent_sort` (db/list-columns.ts). */
export const positionsOfPerson = {
  name: 'positionsByPerson',
  table: 'position',
  columns: entityColumns('Position'),
  parentColumns: ['person_id'],
  sortColumn: 'recent_sort',
};

const positionsOfActor = {
  name: 'positionsByOf',
  table: 'position',
  columns: entityColumns('Position'),
  parentColumns: ['of_id'],
  sortColumn: 'recent_sort',
};

@Resolver(() => Position)
export class PositionResolver extends RelationshipResolver('Position', Position) {
  @FieldResolver(() => Person, { description: 'The person who held the position.' })
  person(@Root() position: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Person', position.personId as string);
  }

  @FieldResolver(() => Actor, {
    nullable: true,
    description:
      'The state or organization the position belongs to (Russia for the President of Russia); null when the sources do not say.',
  })
  of(@Root() position: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(ctx, position.ofId as string | null, position.ofType as string | undefined);
  }
}

@Resolver(() => Country)
export class CountryPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description:
      'Positions of this state (its presidents, ministers, ambassadors), latest first (undated last), then by title; `node.person` is who held each.',
  })
  positions(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(positionsOfActor, POSITION_VALIDITY, asOf);
    return childConnection(ctx, spec, country.slug, page, toPosition);
  }
}

@Resolver(() => Organization)
export class OrganizationPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description:
      'Positions in this organization (its presidents, secretaries-general, spokespeople), latest first (undated last), then by title; `node.person` is who held each.',
  })
  positions(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(positionsOfActor, POSITION_VALIDITY, asOf);
    return childConnection(ctx, spec, organization.slug, page, toPosition);
  }
}
