/**
 * `relations(between:)`: what connects two states or organizations — organizations both belong to,
 * memberships of one in the other, agreements both are party to, events both took part in, projects both
 * are involved in, and figures about the pair. Each part is computed only when asked for.
 */
import { Arg, Args, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AgreementConnection } from '../agreements/agreement.type';
import { EventConnection } from '../events/event.type';
import { FigureConnection } from '../figures/figure.type';
import type { Context } from '../graph/context';
import { Connection, PageArgs, listConnection } from '../graph/connection';
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
  async sharedMemberships(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const rows = await ctx.db.query<{ organization_id: string; a_id: string; b_id: string }>(
      `SELECT ma.organization_id, ma.id AS a_id, mb.id AS b_id FROM membership ma
         JOIN membership mb ON mb.organization_id = ma.organization_id AND mb.member_id = ?
        WHERE ma.member_id = ?`,
      [r.b, r.a],
    );
    const items = await Promise.all(
      rows.map(async (row) => ({
        organization: (await loadEntity(ctx, 'Organization', row.organization_id))!,
        memberships: (
          await Promise.all([
            loadEntity(ctx, 'Membership', row.a_id),
            loadEntity(ctx, 'Membership', row.b_id),
          ])
        ).filter((m): m is EntityModel => m !== null),
      })),
    );
    return listConnection(items, page, (i) => [String(i.organization.name), i.organization.slug]);
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'Memberships of one side in the other (a state in an organization).',
  })
  async memberships(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const ids = await ctx.db.query<{ id: string }>(
      'SELECT id FROM membership WHERE (member_id = ? AND organization_id = ?) OR (member_id = ? AND organization_id = ?)',
      pair(r),
    );
    return this.entities(ctx, 'Membership', ids, page, (m) => m.slug);
  }

  @FieldResolver(() => AgreementConnection, {
    description: 'Agreements both sides are party to, by signing date (unknown last).',
  })
  async agreements(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const ids = await ctx.db.query<{ id: string }>(
      'SELECT DISTINCT pa.agreement_id AS id FROM agreement_party pa JOIN agreement_party pb ON pb.agreement_id = pa.agreement_id AND pb.party_id = ? WHERE pa.party_id = ?',
      [r.b, r.a],
    );
    return this.entities(
      ctx,
      'Agreement',
      ids,
      page,
      (a) => (a.signed as { text: string } | null)?.text.replace('unknown', '~') ?? '~',
    );
  }

  @FieldResolver(() => EventConnection, {
    description: 'Events both sides took part in, by start date (unknown last).',
  })
  async events(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const ids = await ctx.db.query<{ id: string }>(
      'SELECT DISTINCT pa.event_id AS id FROM event_participant pa JOIN event_participant pb ON pb.event_id = pa.event_id AND pb.participant_id = ? WHERE pa.participant_id = ?',
      [r.b, r.a],
    );
    return this.entities(
      ctx,
      'Event',
      ids,
      page,
      (e) => (e.start as { text: string } | null)?.text.replace('unknown', '~') ?? '~',
    );
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects both sides are involved in, by name.' })
  async projects(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const ids = await ctx.db.query<{ id: string }>(
      'SELECT DISTINCT pa.project_id AS id FROM project_participant pa JOIN project_participant pb ON pb.project_id = pa.project_id AND pb.participant_id = ? WHERE pa.participant_id = ?',
      [r.b, r.a],
    );
    return this.entities(ctx, 'Project', ids, page, (p) => String(p.name));
  }

  @FieldResolver(() => FigureConnection, {
    description: 'Figures about the pair (trade between them, one investing in the other), by period.',
  })
  async figures(@Root() r: RelationsModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const ids = await ctx.db.query<{ id: string }>(
      'SELECT id FROM figure WHERE (subject_id = ? AND counterpart_id = ?) OR (subject_id = ? AND counterpart_id = ?)',
      pair(r),
    );
    return this.entities(ctx, 'Figure', ids, page, (f) => (f.period as { text: string } | null)?.text ?? '~');
  }

  private async entities(
    ctx: Context,
    type: EntityTypeName,
    ids: { id: string }[],
    page: PageArgs,
    sortKey: (e: EntityModel) => string,
  ) {
    const loaded = (await Promise.all(ids.map((r) => loadEntity(ctx, type, r.id)))).filter(
      (e): e is EntityModel => e !== null,
    );
    return listConnection(loaded, page, (e) => [sortKey(e), e.slug]);
  }
}
