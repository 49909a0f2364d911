import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import { Event } from '../events/event.type';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { AsOfArgs, asOfList } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { Conditions, idArg, overlapsDateRange } from '../graph/filters';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { entityByIdOrName } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadEntity } from '../provenance/nodes';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { AgreementPartyConnection } from './agreement-party.type';
import { PARTY_VALIDITY, toAgreementParty } from './agreement-party.resolver';
import { Agreement, AgreementConnection } from './agreement.type';
import { entityColumns } from '../graph/loaders';

@InputType('AgreementFilter', { description: 'Which agreements to list; all conditions must hold.' })
class AgreementFilter {
  @Field(() => [GRAPHQL_ENUMS.agreementKind], {
    nullable: true,
    description: 'Only agreements of these kinds.',
  })
  kinds?: string[];

  @Field(() => [GRAPHQL_ENUMS.agreementStatus], {
    nullable: true,
    description: 'Only agreements with these statuses.',
  })
  statuses?: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'Only agreements this state or organization is a party to (in any role).',
  })
  party?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only agreements signed on or after this partial date ("2025", "2025-04", "2025-04-03"); an agreement dated to a year or month that overlaps the range is kept, one with an unknown date is not.',
  })
  signedFrom?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only agreements signed on or before this partial date ("2025", "2025-04", "2025-04-03"); an agreement dated to a year or month that overlaps the range is kept, one with an unknown date is not.',
  })
  signedTo?: string;
}

export const { field: AgreementOrderField, input: AgreementOrder } = orderInput('Agreement', 'agreements', {
  SIGNED: 'When they were signed or adopted; unknown last in either direction.',
  NAME: 'Their title.',
});
type AgreementOrder = InstanceType<typeof AgreementOrder>;

const toAgreement = (row: Record<string, unknown>) => toEntityModel('Agreement', row);

/** The parties of an agreement, by the name of the state or organization (ingest/list-sort-keys.ts). */
const partiesOfAgreement = {
  name: 'agreementPartiesByAgreement',
  table: 'agreement_party',
  parentColumns: ['agreement_id'],
  sortColumn: 'agreement_sort',
};

@Resolver(() => Agreement)
export class AgreementResolver extends NamedEntityResolver('Agreement', Agreement) {
  @Query(() => Agreement, {
    nullable: true,
    description:
      'One agreement by exactly one of: its id, or its title or another title it is known by (case and diacritics ignored: "samarkand declaration" finds the Samarkand Declaration). Null when none matches.',
  })
  agreement(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('name', () => String, { nullable: true, description: 'A title or alias.' }) name?: string,
  ): Promise<EntityModel | null> {
    return entityByIdOrName(ctx, 'Agreement', 'agreement', id, name);
  }

  @Query(() => AgreementConnection, {
    description:
      'Agreements, declarations, memoranda, funds and initiatives, filtered and sorted (by title unless asked otherwise).',
  })
  agreements(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Which agreements to list.' })
    filter?: AgreementFilter,
    @Arg('orderBy', () => AgreementOrder, {
      nullable: true,
      description: 'How to sort them; by title by default.',
    })
    orderBy?: AgreementOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.kinds?.length) c.add('t.kind IN (?)', filter.kinds);
    if (filter?.statuses?.length) c.add('t.status IN (?)', filter.statuses);
    if (filter?.party)
      c.add(
        't.id IN (SELECT p.agreement_id FROM agreement_party p WHERE p.party_id = ?)',
        idArg('filter.party', filter.party, ['Country', 'Organization']),
      );
    const descending = orderBy?.direction === 'DESC';
    // unknown last in either direction: read backwards, the descending key puts them last
    const bySigned = orderBy?.field === 'SIGNED' ? (descending ? 'signed_sort_desc' : 'signed_sort') : null;
    overlapsDateRange(
      c,
      't.signed',
      filter?.signedFrom,
      filter?.signedTo,
      ['filter.signedFrom', 'filter.signedTo'],
      bySigned ? `t.${bySigned}` : undefined,
    );
    return rootConnection(
      ctx,
      {
        name: 'agreements',
        table: 'agreement',
        columns: entityColumns('Agreement'),
        where: c.where,
        params: c.params,
        sortColumn: bySigned ?? 'name',
        descending,
      },
      page,
      toAgreement,
    );
  }

  @FieldResolver(() => AgreementPartyConnection, {
    description:
      'The states and organizations taking part in this agreement, by name, each with its role, date and sources; `node.party` is the state or organization.',
  })
  parties(
    @Root() agreement: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(partiesOfAgreement, PARTY_VALIDITY, asOf);
    return childConnection(ctx, spec, agreement.slug, page, toAgreementParty);
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country where it was signed or adopted; null when the sources do not say.',
  })
  placeCountry(@Root() agreement: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Country', agreement.placeCountryId as string | null);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description:
      'The event (a summit, a visit) at which it was signed or adopted; null when the sources do not say.',
  })
  event(@Root() agreement: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Event', agreement.eventId as string | null);
  }
}
