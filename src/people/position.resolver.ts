import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { PageArgs } from '../graph/connection';
import { childConnection } from '../graph/lists';
import { Actor } from '../organizations/actor.union';
import { Organization } from '../organizations/organization.type';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { Person } from './person.type';
import { Position, PositionConnection } from './position.type';

export const toPosition = (row: Record<string, unknown>) => toEntityModel('Position', row);

/**
 * An ascending sort key that puts the latest partial date first and unknown or missing dates last:
 * each part of the date is subtracted from its maximum ("2025-04-03" becomes 0797495 96), a missing
 * month or day counts as the earliest ("2025" comes after "2025-12", as it does in descending text order).
 */
const latestFirstExpr = (column: string) =>
  `IF(${column} IS NULL OR ${column} = 'unknown', '1', CONCAT('0', ` +
  `LPAD(9999 - CAST(LEFT(${column}, 4) AS UNSIGNED), 4, '0'), ` +
  `IF(CHAR_LENGTH(${column}) >= 7, LPAD(99 - CAST(SUBSTRING(${column}, 6, 2) AS UNSIGNED), 2, '0'), '99'), ` +
  `IF(CHAR_LENGTH(${column}) >= 10, LPAD(99 - CAST(SUBSTRING(${column}, 9, 2) AS UNSIGNED), 2, '0'), '99')))`;

/** Latest `since` first (undated last), then by title. */
const POSITION_SORT = `CONCAT(${latestFirstExpr('t.since')}, '|', COALESCE(t.title, ''))`;

export const positionsOfPerson = {
  name: 'positionsByPerson',
  from: 'position t',
  parentExpr: 't.person_id',
  sortExpr: POSITION_SORT,
};

const positionsOfActor = {
  name: 'positionsByOf',
  from: 'position t',
  parentExpr: 't.of_id',
  sortExpr: POSITION_SORT,
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
  positions(@Root() country: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, positionsOfActor, country.slug, page, toPosition);
  }
}

@Resolver(() => Organization)
export class OrganizationPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description:
      'Positions in this organization (its presidents, secretaries-general, spokespeople), latest first (undated last), then by title; `node.person` is who held each.',
  })
  positions(@Root() organization: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(ctx, positionsOfActor, organization.slug, page, toPosition);
  }
}
