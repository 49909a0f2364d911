import { Arg, Args, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { PageArgs } from '../graph/page-args';
import { badUserInput } from '../graph/errors';
import { Conditions, idArg } from '../graph/filters';
import { rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { GRAPHQL_ENUMS } from '../provenance/enums.type';
import { entityByKey, exactlyOneKey } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { entityColumns } from '../graph/loaders';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { Country, CountryConnection } from './country.type';

const ISO2 = /^[A-Za-z]{2}$/;

@InputType('CountryFilter', { description: 'Which countries to list; all conditions must hold.' })
class CountryFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only countries in this region, as the sources name it ("Central Asia").',
  })
  region?: string;

  @Field(() => GRAPHQL_ENUMS.recognition, {
    nullable: true,
    description: 'Only countries with this limited recognition.',
  })
  recognition?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True for historical states only, false for present ones only.',
  })
  historical?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only members (of any status) of this organization.' })
  memberOf?: string;
}

export const { field: CountryOrderField, input: CountryOrder } = orderInput('Country', 'countries', {
  NAME: 'Their name.',
  INDEPENDENCE: 'When they became independent; unknown last.',
});
type CountryOrder = InstanceType<typeof CountryOrder>;

@Resolver(() => Country)
export class CountryResolver extends NamedEntityResolver('Country', Country) {
  @Query(() => Country, {
    nullable: true,
    description:
      'One country by exactly one of: its id, its ISO 3166-1 alpha-2 code, or a name or alias (case and diacritics ignored: "Turkey", "türkiye" and "TURKIYE" all find Türkiye). Null when none matches.',
  })
  country(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('iso2', () => String, {
      nullable: true,
      description: 'ISO 3166-1 alpha-2 code, in either case ("kz").',
    })
    iso2?: string,
    @Arg('name', () => String, { nullable: true, description: 'A name, official name or alias.' })
    name?: string,
  ): Promise<EntityModel | null> {
    const key = exactlyOneKey({ id, iso2, name }, ['id', 'iso2', 'name'], 'country');
    if (key === 'iso2') return countryByIso2(ctx, iso2!);
    return entityByKey(ctx, 'Country', key, key === 'id' ? id! : name!);
  }

  @Query(() => CountryConnection, {
    description: 'Countries, present and historical, filtered and sorted (by name unless asked otherwise).',
  })
  countries(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => CountryFilter, { nullable: true, description: 'Which countries to list.' })
    filter?: CountryFilter,
    @Arg('orderBy', () => CountryOrder, {
      nullable: true,
      description: 'How to sort them; by name by default.',
    })
    orderBy?: CountryOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.region) c.add('t.region = ?', filter.region);
    if (filter?.recognition) c.add('t.recognition = ?', filter.recognition);
    if (filter?.historical !== undefined && filter.historical !== null)
      c.add('t.historical = ?', filter.historical ? 1 : 0);
    if (filter?.memberOf)
      c.add(
        't.id IN (SELECT m.member_id FROM membership m WHERE m.organization_id = ?)',
        idArg('filter.memberOf', filter.memberOf, ['Organization']),
      );
    const byIndependence = orderBy?.field === 'INDEPENDENCE';
    return rootConnection(
      ctx,
      {
        name: 'countries',
        table: 'country',
        columns: entityColumns('Country'),
        where: c.where,
        params: c.params,
        sortColumn: byIndependence ? 'independence_sort' : 'name',
        descending: orderBy?.direction === 'DESC',
      },
      page,
      (r) => toEntityModel('Country', r),
    );
  }
}

export async function countryByIso2(ctx: Context, iso2: string): Promise<EntityModel | null> {
  if (!ISO2.test(iso2))
    throw badUserInput(
      'iso2',
      `${JSON.stringify(iso2.slice(0, 20))} is not an ISO 3166-1 alpha-2 code: expected two letters`,
    );
  const row = await ctx.loaders
    .keyed('countryByIso2', async (codes) => {
      const rows = await ctx.db.query<Record<string, unknown>>('SELECT * FROM country WHERE iso2 IN (?)', [
        codes,
      ]);
      return codes.map((code) => rows.find((r) => String(r.iso2) === code) ?? null);
    })
    .load(iso2.toUpperCase());
  return row ? toEntityModel('Country', row) : null;
}
