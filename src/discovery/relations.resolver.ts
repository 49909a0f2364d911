/**
 * `relations(between:)`: what connects two states or organizations — organizations both belong to,
 * memberships of one in the other, agreements both are party to, events both took part in, projects both
 * are involved in, and figures about the pair. Each part is computed only when asked for, and paged in SQL
 * (a keyset page of ids, then the request's loaders), so its statements do not grow with the data.
 */
import { Arg, Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AgreementConnection } from '../agreements/agreement.type';
import { EventConnection } from '../events/event.type';
import { FigureConnection } from '../figures/figure.type';
import type { Context } from '../graph/context';
import type { SqlValue } from '../db/database';
import { Connection } from '../graph/connection';
import { PageArgs, pageRequest } from '../graph/page-args';
import { keysetClause } from '../graph/keyset';
import { toConnection } from '../graph/to-connection';
import { badUserInput } from '../graph/errors';
import { idArg } from '../graph/filters';
import { fromGlobalId } from '../provenance/ids';
import { Actor } from '../organizations/actor.union';
import { Membership, MembershipConnection } from '../organizations/membership.type';
import { Organization } from '../organizations/organization.type';
import { ProjectConnection } from '../projects/project.type';
import type { EntityTypeName } from '../provenance/entity-types';
import type { EntityModel } from '../provenance/models';
import { loadAnyEntity, loadEntity } from '../provenance/nodes';

interface RelationsModel {
  a: string;
  b: string;
  types: [string, string];
  /** The two sides, the one with the smaller timeline first; looked up once for events and agreements. */
  sides?: Promise<[string, string]>;
}

@ObjectType('SharedMembership', {
  description: 'An organization that both sides belong to, with the membership of each.',
})
class SharedMembership {
  @Field(() => Organization, { description: 'The organization.' })
  organization!: EntityModel;

  @Field(() => [Membership], { description: "Each side's membership, in the order of `between`." })
  memberships!: EntityModel[];
}

@ObjectType('SharedMembershipConnection', { description: 'A page of organizations both sides belong to.' })
class SharedMembershipConnection extends Connection(
  SharedMembership,
  'SharedMembership',
  'shared memberships',
) {}

@ObjectType('Relations', {
  description:
    'What connects two states or organizations, each part with its own sources on the objects it lists.',
})
class Relations {
  @Field(() => [Actor], { description: 'The two sides, in the order asked.' })
  between!: unknown[];
}

const pair = (r: RelationsModel) => [r.a, r.b, r.b, r.a];

/**
 * One part of the relations: distinct `id`s of the rows of `from` (aliases `x` and others) that satisfy
 * `where`, ordered by `sort`, then id.
 */
interface PartQuery {
  from: string;
  where: string;
  params: SqlValue[];
  sort: string;
  id?: string;
}

/** A keyset page of one part, its entities loaded through the request's loaders, counted on demand. */
async function pageOf(ctx: Context, type: EntityTypeName, q: PartQuery, args: PageArgs) {
  const page = pageRequest(args);
  const id = q.id ?? 'x.id';
  const keyset = keysetClause(q.sort, id, page);
  const rows = await ctx.db.query<{ id: string; sort_value: string }>(
    `SELECT DISTINCT ${id} AS id, ${q.sort} AS sort_value FROM ${q.from} WHERE ${[q.where, ...keyset.where].join(' AND ')} ORDER BY ${keyset.orderBy} LIMIT ?`,
    [...q.params, ...keyset.params, keyset.limit],
  );
  const entities = await Promise.all(rows.map((r) => loadEntity(ctx, type, r.id)));
  const loaded = new Map(rows.map((r, i) => [r, entities[i]]));
  return toConnection(
    rows.filter((r) => loaded.get(r)),
    page,
    (r) => [r.sort_value, r.id],
    (r) => loaded.get(r)!,
    async () =>
      Number(
        (
          await ctx.db.query<{ n: number }>(
            `SELECT COUNT(DISTINCT ${id}) AS n FROM ${q.from} WHERE ${q.where}`,
            q.params,
          )
        )[0]?.n ?? 0,
      ),
  );
}

/**
 * Entries (events or agreements) both sides take part in, from the timeline's table: read along the
 * smaller side's timeline in date order, each entry checked in the other's by primary key. The timeline's
 * order is the date order these lists promise: a year before its days, unknown dates last, then id.
 */
async function sharedEntries(ctx: Context, r: RelationsModel, type: 'Event' | 'Agreement', args: PageArgs) {
  r.sides ??= ctx.db
    .query<{ participant_id: string; entries: number }>(
      'SELECT participant_id, entries FROM timeline_count WHERE participant_id IN (?)',
      [[r.a, r.b]],
    )
    .then((rows) => {
      const size = (id: string) => Number(rows.find((x) => x.participant_id === id)?.entries ?? 0);
      return size(r.a) <= size(r.b) ? [r.a, r.b] : [r.b, r.a];
    });
  const [driver, other] = await r.sides;
  return pageOf(
    ctx,
    type,
    {
      from: 'timeline_entry x',
      where: `x.participant_id = ? AND x.entry_type = ? AND EXISTS (SELECT 1 FROM timeline_entry o
                WHERE o.participant_id = ? AND o.sort_key = x.sort_key AND o.entry_id = x.entry_id)`,
      params: [driver, type, other],
      sort: 'x.sort_key',
      id: 'x.entry_id',
    },
    args,
  );
}

@Resolver(() => Relations)
export class RelationsResolver {
  @Query(() => Relations, {
    description:
      'What connects two countries or organizations: shared memberships, agreements, events, projects and figures about the pair.',
  })
  relations(
    @Arg('between', () => [ID], { description: 'Exactly two ids, each of a Country or an Organization.' })
    between: string[],
  ): RelationsModel {
    if (between.length !== 2) throw badUserInput('between', `${between.length} ids: expected exactly two`);
    const [a, b] = between.map((id, i) => idArg(`between[${i}]`, id, ['Country', 'Organization'])) as [
      string,
      string,
    ];
    if (a === b) throw badUserInput('between', 'the two ids are the same: expected two different sides');
    return { a, b, types: between.map((id) => fromGlobalId(id)!.type) as [string, string] };
  }

  @FieldResolver(() => [Actor], { description: 'The two sides, in the order asked.' })
  between(@Root() r: RelationsModel, @Ctx() ctx: Context) {
    return Promise.all([loadAnyEntity(ctx, r.a, r.types[0]), loadAnyEntity(ctx, r.b, r.types[1])]);
  }

  @FieldResolver(() => SharedMembershipConnection, {
    description: 'Organizations both sides belong to, by name.',
  })
  async sharedMemberships(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    // one row per organization, with every membership each side holds in it
    const shared = `(SELECT o.id, o.name, GROUP_CONCAT(DISTINCT ma.id ORDER BY ma.id) AS a_ids,
                            GROUP_CONCAT(DISTINCT mb.id ORDER BY mb.id) AS b_ids
                       FROM membership ma
                       JOIN membership mb ON mb.organization_id = ma.organization_id AND mb.member_id = ?
                       JOIN organization o ON o.id = ma.organization_id
                      WHERE ma.member_id = ? GROUP BY o.id, o.name) x`;
    const page = pageRequest(args);
    const keyset = keysetClause('x.name', 'x.id', page);
    const rows = await ctx.db.query<{ id: string; name: string; a_ids: string; b_ids: string }>(
      `SELECT x.* FROM ${shared} ${keyset.where.length ? `WHERE ${keyset.where.join(' AND ')}` : ''} ORDER BY ${keyset.orderBy} LIMIT ?`,
      [r.b, r.a, ...keyset.params, keyset.limit],
    );
    const items = await Promise.all(
      rows.map(async (row) => ({
        row,
        organization: (await loadEntity(ctx, 'Organization', row.id))!,
        memberships: (
          await Promise.all(
            [...row.a_ids.split(','), ...row.b_ids.split(',')].map((id) => loadEntity(ctx, 'Membership', id)),
          )
        ).filter((m): m is EntityModel => m !== null),
      })),
    );
    return toConnection(
      items.filter((i) => i.organization),
      page,
      (i) => [i.row.name, i.row.id],
      ({ organization, memberships }) => ({ organization, memberships }),
      async () =>
        Number(
          (
            await ctx.db.query<{ n: number }>(
              `SELECT COUNT(DISTINCT ma.organization_id) AS n FROM membership ma
                 JOIN membership mb ON mb.organization_id = ma.organization_id AND mb.member_id = ?
                WHERE ma.member_id = ?`,
              [r.b, r.a],
            )
          )[0]?.n ?? 0,
        ),
    );
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'Memberships of one side in the other (a state in an organization).',
  })
  memberships(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return pageOf(
      ctx,
      'Membership',
      {
        from: 'membership x',
        where: '((x.member_id = ? AND x.organization_id = ?) OR (x.member_id = ? AND x.organization_id = ?))',
        params: pair(r),
        sort: 'x.id',
      },
      args,
    );
  }

  @FieldResolver(() => AgreementConnection, {
    description: 'Agreements both sides are party to, by signing date (unknown last).',
  })
  agreements(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return sharedEntries(ctx, r, 'Agreement', args);
  }

  @FieldResolver(() => EventConnection, {
    description: 'Events both sides took part in, by start date (unknown last).',
  })
  events(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return sharedEntries(ctx, r, 'Event', args);
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects both sides are involved in, by name.' })
  projects(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return pageOf(
      ctx,
      'Project',
      {
        from: `project_participant pa
               JOIN project_participant pb ON pb.participant_id = ? AND pb.project_id = pa.project_id
               JOIN project x ON x.id = pa.project_id`,
        where: 'pa.participant_id = ?',
        params: [r.b, r.a],
        sort: "COALESCE(x.name, '')",
      },
      args,
    );
  }

  @FieldResolver(() => FigureConnection, {
    description: 'Figures about the pair (trade between them, one investing in the other), by period.',
  })
  figures(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return pageOf(
      ctx,
      'Figure',
      {
        from: 'figure x',
        where: '((x.subject_id = ? AND x.counterpart_id = ?) OR (x.subject_id = ? AND x.counterpart_id = ?))',
        params: pair(r),
        sort: "COALESCE(x.period, '~')",
      },
      args,
    );
  }
}
