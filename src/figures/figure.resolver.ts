import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { Conditions, idArg, overlapsDateRange } from '../graph/filters';
import { PageArgs } from '../graph/page-args';
import { rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { ENTITY_TYPE_NAMES } from '../provenance/entity-types';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { Node } from '../provenance/node.type';
import { loadAnyEntity } from '../provenance/nodes';
import { RelationshipResolver } from '../provenance/sourced-fields';
import { Figure, FigureConnection } from './figure.type';

@InputType('FigureFilter', { description: 'Which figures to list; all conditions must hold.' })
class FigureFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Only figures about this entity (of any type) as their subject.',
  })
  subject?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only figures with this entity (of any type) as their counterpart, the other side of a pair.',
  })
  counterpart?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only figures involving this entity (of any type), as their subject or their counterpart.',
  })
  about?: string;

  @Field(() => [GRAPHQL_ENUMS.metric], {
    nullable: true,
    description: 'Only figures measuring these metrics.',
  })
  metrics?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Only figures whose period may end on or after this partial date ("2024", "2024-06", "2024-06-30"); a figure for a year that overlaps the range is kept, one with an unknown or missing period is not.',
  })
  periodFrom?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only figures whose period may begin on or before this partial date ("2024", "2024-06", "2024-06-30"); a figure for a year that overlaps the range is kept, one with an unknown or missing period is not.',
  })
  periodTo?: string;
}

export const { field: FigureOrderField, input: FigureOrder } = orderInput('Figure', 'figures', {
  PERIOD: 'The year or month they refer to; unknown or missing last in either direction.',
  VALUE:
    'Their value as a plain number, whatever the unit: combine with `filter.metrics` to compare like with like.',
});
type FigureOrder = InstanceType<typeof FigureOrder>;

/** A figure; its subject's and counterpart's types ride along from its row, so loading them needs no type lookup. */
export const toFigure = (row: Record<string, unknown>): EntityModel => ({
  ...toEntityModel('Figure', row),
  subjectType: row.subject_type ?? null,
  counterpartType: row.counterpart_type ?? null,
});

@Resolver(() => Figure)
export class FigureResolver extends RelationshipResolver('Figure', Figure) {
  @Query(() => FigureConnection, {
    description:
      'Figures (trade, investment, tariffs, capacities...), filtered and sorted (by period, earliest first, unless asked otherwise).',
  })
  figures(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => FigureFilter, { nullable: true, description: 'Which figures to list.' })
    filter?: FigureFilter,
    @Arg('orderBy', () => FigureOrder, {
      nullable: true,
      description: 'How to sort them; by period, earliest first, by default.',
    })
    orderBy?: FigureOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.subject)
      c.add('t.subject_id = ?', idArg('filter.subject', filter.subject, ENTITY_TYPE_NAMES));
    if (filter?.counterpart)
      c.add('t.counterpart_id = ?', idArg('filter.counterpart', filter.counterpart, ENTITY_TYPE_NAMES));
    // as its subject, or as its counterpart of another subject: two index ranges, merged
    const about = filter?.about ? idArg('filter.about', filter.about, ENTITY_TYPE_NAMES) : null;
    const branches = about
      ? [
          { where: ['t.subject_id = ?'], params: [about] },
          {
            where: ['t.counterpart_id = ?', '(t.subject_id IS NULL OR t.subject_id <> ?)'],
            params: [about, about],
          },
        ]
      : undefined;
    if (filter?.metrics?.length) c.add('t.metric IN (?)', filter.metrics);
    const descending = orderBy?.direction === 'DESC';
    // unknown periods last in either direction: read backwards, the descending key puts them last
    const byPeriod = orderBy?.field === 'VALUE' ? null : descending ? 'period_sort_desc' : 'period_sort';
    overlapsDateRange(
      c,
      't.period',
      filter?.periodFrom,
      filter?.periodTo,
      ['filter.periodFrom', 'filter.periodTo'],
      byPeriod ? `t.${byPeriod}` : undefined,
    );
    return rootConnection(
      ctx,
      {
        name: 'figures',
        table: 'figure',
        where: c.where,
        params: c.params,
        branches,
        // a value is required of every figure
        sortColumn: byPeriod ?? 'value',
        descending,
      },
      page,
      toFigure,
    );
  }

  @FieldResolver(() => Node, {
    description:
      'What the number is about: a country, an organization, a project, an agreement... (any entity; ask for its fields with `... on Country`).',
  })
  subject(@Root() figure: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(ctx, figure.subjectId as string, figure.subjectType as string | undefined);
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description:
      'The other side, for a figure about a pair (the trade partner of `subject`); null for a figure about one subject.',
  })
  counterpart(@Root() figure: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(
      ctx,
      figure.counterpartId as string | null,
      figure.counterpartType as string | undefined,
    );
  }
}
