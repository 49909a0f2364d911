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
import { Connection, PageArgs, keysetClause, pageRequest, toConnection } from '../graph/connection';
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

/** A partial-date column as the relations lists sort it: as text, unknown and missing dates last. */
const dateOrder = (column: string) =>
  `(CASE WHEN ${column} IS NULL OR ${column} = 'unknown' THEN '~' ELSE ${column} END)`;

/** One part of the relations: rows of `from` (aliased `x`, filtered by `where`), ordered by `sort`, x.id. */
interface PartQuery {
  from: string;
  where: string;
  params: SqlValue[];
  sort: string;
}

/** A keyset page of one part, its entities loaded through the request's loaders, counted on demand. */
async function pageOf(ctx: Context, type: EntityTypeName, q: PartQuery, args: PageArgs) {
  const page = pageRequest(args);
  const keyset = keysetClause(q.sort, 'x.id', page);
  const rows = await ctx.db.query<{ id: string; sort_value: string }>(
    `SELECT x.id, ${q.sort} AS sort_value FROM ${q.from} WHERE ${[q.where, ...keyset.where].join(' AND ')} ORDER BY ${keyset.orderBy} LIMIT ?`,
    [...q.params, ...keyset.params, keyset.limit],
  );
  const entities = await Promise.all(rows.map((r) => loadEntity(ctx, type, r.id)));
  const loaded = new Map(rows.map((r, i) => [r, entities[i]]));
  const connection = toConnection(
    rows.filter((r) => loaded.get(r)),
    page,
    (r) => [r.sort_value, r.id],
    (r) => loaded.get(r)!,
    async () =>
      Number(
        (
          await ctx.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where}`, q.params)
        )[0]?.n ?? 0,
      ),
  );
  return connection;
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
    return pageOf(
      ctx,
      'Agreement',
      {
        from: 'agreement x',
        where: `x.id IN (SELECT pa.agreement_id FROM agreement_party pa
                  JOIN agreement_party pb ON pb.agreement_id = pa.agreement_id AND pb.party_id = ?
                 WHERE pa.party_id = ?)`,
        params: [r.b, r.a],
        sort: dateOrder('x.signed'),
      },
      args,
    );
  }

  @FieldResolver(() => EventConnection, {
    description: 'Events both sides took part in, by start date (unknown last).',
  })
  events(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return pageOf(
      ctx,
      'Event',
      {
        from: 'event x',
        where: `x.id IN (SELECT pa.event_id FROM event_participant pa
                  JOIN event_participant pb ON pb.event_id = pa.event_id AND pb.participant_id = ?
                 WHERE pa.participant_id = ?)`,
        params: [r.b, r.a],
        sort: dateOrder('x.start'),
      },
      args,
    );
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects both sides are involved in, by name.' })
  projects(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() args: PageArgs) {
    return pageOf(
      ctx,
      'Project',
      {
        from: 'project x',
        where: `x.id IN (SELECT pa.project_id FROM project_participant pa
                  JOIN project_participant pb ON pb.project_id = pa.project_id AND pb.participant_id = ?
                 WHERE pa.participant_id = ?)`,
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
