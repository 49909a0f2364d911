import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { AsOfArgs, asOfList } from '../graph/as-of';
import { PageArgs } from '../graph/page-args';
import { Conditions, idArg } from '../graph/filters';
import { childConnection, rootConnection } from '../graph/lists';
import { orderInput } from '../graph/ordering';
import { entityByIdOrName } from '../provenance/lookup';
import { toEntityModel, type EntityModel } from '../provenance/models';
import { loadEntity } from '../provenance/nodes';
import { NamedEntityResolver } from '../provenance/sourced-fields';
import { Person, PersonConnection } from './person.type';
import { PositionConnection } from './position.type';
import { POSITION_VALIDITY, positionsOfPerson, toPosition } from './position.resolver';
import { entityColumns } from '../graph/loaders';

@InputType('PersonFilter', { description: 'Which people to list; all conditions must hold.' })
class PersonFilter {
  @Field(() => ID, { nullable: true, description: 'Only citizens of this country.' })
  nationality?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only people who held a position of this state or organization (at any time).',
  })
  positionOf?: string;
}

export const { field: PersonOrderField, input: PersonOrder } = orderInput('Person', 'people', {
  NAME: 'Their full name, as the sources give it (given name first).',
});
type PersonOrder = InstanceType<typeof PersonOrder>;

const toPerson = (row: Record<string, unknown>) => toEntityModel('Person', row);

@Resolver(() => Person)
export class PersonResolver extends NamedEntityResolver('Person', Person) {
  @Query(() => Person, {
    nullable: true,
    description:
      'One person by exactly one of: their id, or a name or alias (case and diacritics ignored: "Recep Tayyip Erdogan" finds Recep Tayyip Erdoğan). Null when none matches.',
  })
  person(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The global id.' }) id?: string,
    @Arg('name', () => String, { nullable: true, description: 'A full name, other spelling or alias.' })
    name?: string,
  ): Promise<EntityModel | null> {
    return entityByIdOrName(ctx, 'Person', 'person', id, name);
  }

  @Query(() => PersonConnection, { description: 'People the sources name, filtered, by name.' })
  people(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => PersonFilter, { nullable: true, description: 'Which people to list.' })
    filter?: PersonFilter,
    @Arg('orderBy', () => PersonOrder, {
      nullable: true,
      description: 'How to sort them; by name by default.',
    })
    orderBy?: PersonOrder,
  ): Promise<ConnectionModel<EntityModel>> {
    const c = new Conditions();
    if (filter?.nationality)
      c.add('t.nationality_id = ?', idArg('filter.nationality', filter.nationality, ['Country']));
    if (filter?.positionOf)
      c.add(
        't.id IN (SELECT p.person_id FROM position p WHERE p.of_id = ?)',
        idArg('filter.positionOf', filter.positionOf, ['Country', 'Organization']),
      );
    return rootConnection(
      ctx,
      {
        name: 'people',
        table: 'person',
        columns: entityColumns('Person'),
        where: c.where,
        params: c.params,
        sortColumn: 'name',
        descending: orderBy?.direction === 'DESC',
      },
      page,
      toPerson,
    );
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country the person is a citizen of; null when the sources do not say.',
  })
  nationality(@Root() person: EntityModel, @Ctx() ctx: Context) {
    return loadEntity(ctx, 'Country', person.nationalityId as string | null);
  }

  @FieldResolver(() => PositionConnection, {
    description:
      'The positions the person held, latest first (undated last), then by title; `node.of` is the state or organization.',
  })
  positions(
    @Root() person: EntityModel,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
  ) {
    const spec = asOfList(positionsOfPerson, POSITION_VALIDITY, asOf);
    return childConnection(ctx, spec, person.slug, page, toPosition);
  }
}
