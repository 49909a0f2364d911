/**
 * `figures` on the entities figures are about: every figure with the entity as its subject or as its
 * counterpart. A figure appears once under its subject and once under its counterpart: the list merges
 * two index ranges per entity, (subject, period) and (counterpart, period).
 */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agreement } from '../agreements/agreement.type';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { AsOfArgs, asOfList, type Validity } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { childConnection } from '../graph/lists';
import { Organization } from '../organizations/organization.type';
import type { EntityModel } from '../provenance/models';
import { Project } from '../projects/project.type';
import { FigureConnection } from './figure.type';
import { toFigure } from './figure.resolver';

/** Figures about an entity, earliest period first (unknown last). */
const figuresAbout = {
  name: 'figuresAbout',
  table: 'figure',
  parentColumns: ['subject_id', 'counterpart_id'],
  sortColumn: 'period_sort',
};

/** A figure holds for its period. */
const FIGURE_VALIDITY: Validity = { from: 'period', to: 'period' };

const DESCRIPTION = (what: string) =>
  `Figures about this ${what}, as their subject or as their counterpart (trade with a partner), earliest period first (unknown last); each has its sources and competing values as claims.`;

function figuresOf(entity: EntityModel, ctx: Context, page: PageArgs, asOf: string | null | undefined) {
  return childConnection(ctx, asOfList(figuresAbout, FIGURE_VALIDITY, asOf), entity.slug, page, toFigure);
}

@Resolver(() => Country)
export class CountryFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('country') })
  figures(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    return figuresOf(country, ctx, page, asOf);
  }
}

@Resolver(() => Organization)
export class OrganizationFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('organization') })
  figures(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    return figuresOf(organization, ctx, page, asOf);
  }
}

@Resolver(() => Project)
export class ProjectFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('project') })
  figures(
    @Root() project: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    return figuresOf(project, ctx, page, asOf);
  }
}

@Resolver(() => Agreement)
export class AgreementFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('agreement') })
  figures(
    @Root() agreement: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    return figuresOf(agreement, ctx, page, asOf);
  }
}
