import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import { PageArgs, keysetClause, pageRequest, toConnection, type ConnectionModel } from '../graph/connection';
import { badUserInput } from '../graph/errors';
import { ClaimType } from '../provenance/claim.type';
import { RanksArg } from '../provenance/claims-args';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { claimsOf, loadEntity } from '../provenance/nodes';
import { exactlyOneKey, slugByName, slugFromId } from '../provenance/lookup';
import { Country, CountryConnection, CountryFieldEnum } from './country.type';

const ISO2 = /^[A-Za-z]{2}$/;

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, {
    nullable: true,
    description:
      'One country by exactly one of: its id, its ISO 3166-1 alpha-2 code, or a name or alias (case and diacritics ignored: "Turkey", "türkiye" and "TURKIYE" all find Türkiye). Null when none matches.',
  })
  async country(
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
    if (key === 'id') return loadEntity(ctx, 'Country', slugFromId(id!, 'Country'));
    if (key === 'iso2') return countryByIso2(ctx, iso2!);
    return loadEntity(ctx, 'Country', await slugByName(ctx, 'Country', name!));
  }

  @Query(() => CountryConnection, { description: 'All countries, by name.' })
  async countries(@Ctx() ctx: Context, @Args() args: PageArgs): Promise<ConnectionModel<EntityModel>> {
    const page = pageRequest(args);
    const keyset = keysetClause('c.name', 'c.id', page);
    const where = keyset.where.length ? `WHERE ${keyset.where.join(' AND ')}` : '';
    const rows = await ctx.db.query<Record<string, unknown>>(
      `SELECT c.* FROM country c ${where} ORDER BY ${keyset.orderBy} LIMIT ?`,
      [...keyset.params, keyset.limit],
    );
    return toConnection(
      rows,
      page,
      (r) => [String(r.name), String(r.id)],
      (r) => toEntityModel('Country', r),
      async () => Number((await ctx.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM country'))[0]!.n),
    );
  }

  @FieldResolver(() => [String])
  async aliases(@Root() country: EntityModel, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.namesByEntity.load(country.slug))
      .filter((n) => n.kind === 'ALIAS')
      .map((n) => String(n.name));
  }

  @FieldResolver(() => [ClaimType], {
    description:
      'Every claim about this country, each with its value, rank and sources. Omit `fields` for all fields.',
  })
  claims(
    @Root() country: EntityModel,
    @Ctx() ctx: Context,
    @Args() { ranks }: RanksArg,
    @Arg('fields', () => [CountryFieldEnum], {
      nullable: true,
      description: 'Only claims about these fields.',
    })
    fields?: string[],
  ) {
    return claimsOf(ctx, country.slug, fields, ranks);
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
