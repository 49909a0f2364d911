/**
 * `figures` on the entities figures are about: every figure with the entity as its subject or as its
 * counterpart. A figure appears once under its subject and once under its counterpart, so the list reads a
 * derived table with one row per (figure, entity it is about) and groups by that entity.
 */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agreement } from '../agreements/agreement.type';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import { PageArgs } from '../graph/connection';
import { childConnection } from '../graph/lists';
import { Organization } from '../organizations/organization.type';
import type { EntityModel } from '../provenance/models';
import { Project } from '../projects/project.type';
import { FigureConnection } from './figure.type';
import { dateSortExpr } from '../graph/filters';
import { toFigure } from './figure.resolver';

/** Figures about an entity, earliest period first (unknown last). `t.about_id` rides along in `t.*`, unused. */
const figuresAbout = {
  name: 'figuresAbout',
  from: `(
      SELECT f.*, f.subject_id AS about_id FROM figure f
      UNION ALL
      SELECT f.*, f.counterpart_id AS about_id FROM figure f
        WHERE f.counterpart_id IS NOT NULL AND f.counterpart_id <> f.subject_id
    ) t`,
  parentExpr: 't.about_id',
  sortExpr: dateSortExpr('t.period'),
};

const DESCRIPTION = (what: string) =>
  `Figures about this ${what}, as their subject or as their counterpart (trade with a partner), earliest period first (unknown last); each has its sources and competing values as claims.`;

function figuresOf(entity: EntityModel, ctx: Context, page: PageArgs) {
  return childConnection(ctx, figuresAbout, entity.slug, page, toFigure);
}

@Resolver(() => Country)
export class CountryFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('country') })
  figures(@Root() country: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return figuresOf(country, ctx, page);
  }
}

@Resolver(() => Organization)
export class OrganizationFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('organization') })
  figures(@Root() organization: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return figuresOf(organization, ctx, page);
  }
}

@Resolver(() => Project)
export class ProjectFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('project') })
  figures(@Root() project: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return figuresOf(project, ctx, page);
  }
}

@Resolver(() => Agreement)
export class AgreementFiguresResolver {
  @FieldResolver(() => FigureConnection, { description: DESCRIPTION('agreement') })
  figures(@Root() agreement: EntityModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return figuresOf(agreement, ctx, page);
  }
}
