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
import { AgreementParty, AgreementPartyConnection } from './agreement-party.type';
import { Agreement } from './agreement.type';

/** An agreement party; the party's type rides along from its row, so `party` needs no type lookup. */
export const toAgreementParty = (row: Record<string, unknown>): EntityModel => ({
  ...toEntityModel('AgreementParty', row),
  partyType: row.party_type ?? null,
});

/** A party holds its role from its `date` on; nothing records an end. */
export const PARTY_VALIDITY: Validity = { from: 'date' };

/**
 * The agreements a state or organization takes part in, earliest signed first (undated last), then by
 * title (ingest/list-sort-keys.ts).
 */
const partiesByParty = {
  name: 'agreementPartiesByParty',
  table: 'agreement_party',
  parentColumns: ['party_id'],
  sortColumn: 'party_sort',
};

@Resolver(() => AgreementParty)
export class AgreementPartyResolver extends RelationshipResolver('AgreementParty', AgreementParty) {
  @FieldResolver(() => Agreement, { description: 'The agreement.' })
  agreement(@Root() party: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Agreement', party.agreementId as string);
  }

  @FieldResolver(() => Actor, { description: 'The party: a state or an organization.' })
  party(@Root() party: EntityModel, @Ctx() ctx: Context) {
    return loadAnyEntity(ctx, party.partyId as string, party.partyType as string | undefined);
  }
}

@Resolver(() => Country)
export class CountryAgreementsResolver {
  @FieldResolver(() => AgreementPartyConnection, {
    description:
      'The agreements this country takes part in, earliest signed first (undated last), each with its role, date and sources; `node.agreement` is the agreement.',
  })
  agreements(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(partiesByParty, PARTY_VALIDITY, asOf);
    return childConnection(ctx, spec, country.slug, page, toAgreementParty);
  }
}

@Resolver(() => Organization)
export class OrganizationAgreementsResolver {
  @FieldResolver(() => AgreementPartyConnection, {
    description:
      'The agreements this organization takes part in, earliest signed first (undated last), each with its role, date and sources; `node.agreement` is the agreement.',
  })
  agreements(
    @Root() organization: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(partiesByParty, PARTY_VALIDITY, asOf);
    return childConnection(ctx, spec, organization.slug, page, toAgreementParty);
  }
}
