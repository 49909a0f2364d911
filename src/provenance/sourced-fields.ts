/**
 * What every entity type shares, declared once from the model table: its plain sourced fields (each the
 * preferred value of its claims), `slug`, `aliases`, `claims(fields:, ranks:)`, and for relationship
 * objects `rank` and `sources`. Domain files add only what is their own: navigation between entities.
 */
import { Arg, Args, Ctx, Field, FieldResolver, Float, Resolver, Root, type ClassType } from 'type-graphql';
import { AsOfArgs } from '../graph/as-of';
import type { Context } from '../graph/context';
import { CitationType, type CitationModel } from './citation.type';
import { ClaimType } from './claim.type';
import { RanksArg } from './claims-args';
import { ENTITY_TYPES, type EntityTypeName } from './entity-types';
import { enumFor } from './enums.type';
import { fieldEnum } from './field-enum';
import type { EntityModel } from './models';
import { claimsOf, definingFields } from './nodes';
import { PartialDateType } from './partial-date.type';
import { RankEnum } from './rank.type';
import { toCitationModel } from './models';

/** Adds a GraphQL field for each single-valued, non-reference field of the type's model. */
export function declareSourcedFields(target: ClassType, type: EntityTypeName): void {
  const spec = ENTITY_TYPES[type];
  Field(() => String, {
    description:
      'Stable, readable identifier (its id in the curated seed, such as "kazakhstan"), the same after every re-seed.',
  })(target.prototype, 'slug');
  for (const field of spec.fields) {
    if (field.kind === 'ref' || field.multi) continue;
    const typeFn =
      field.kind === 'string'
        ? () => String
        : field.kind === 'date'
          ? () => PartialDateType
          : field.kind === 'enum'
            ? () => enumFor(field.values!)
            : field.kind === 'boolean'
              ? () => Boolean
              : () => Float;
    const nullable = !field.required && field.kind !== 'boolean';
    const extra = field.descriptive
      ? ' Where sources describe it differently, the first curated; `claims` gives them all.'
      : '';
    Field(typeFn, { nullable, description: `${field.description}${extra}` })(target.prototype, field.name);
  }
  if (spec.relationship) {
    Field(() => RankEnum, {
      description:
        'How this relationship stands against competing ones: the best rank of the claims that establish it.',
    })(target.prototype, 'rank');
  }
}

/** Resolves `claims` for an entity of the type; the domain resolvers below build on it. */
function claimsResolver(type: EntityTypeName, target: ClassType) {
  const FieldEnum = fieldEnum(type);

  @Resolver(() => target)
  class ClaimsResolver {
    @FieldResolver(() => [ClaimType], {
      description: `Every claim about this ${type}, each with its value, rank and sources. Omit \`fields\` for all fields.`,
    })
    claims(
      @Root() entity: EntityModel,
      @Ctx() ctx: Context,
      @Args() { ranks }: RanksArg,
      @Args() { asOf }: AsOfArgs,
      @Arg('fields', () => [FieldEnum], { nullable: true, description: 'Only claims about these fields.' })
      fields?: string[],
    ) {
      return claimsOf(ctx, entity.slug, fields, ranks, asOf);
    }
  }
  return ClaimsResolver;
}

/** The base of a named entity's resolver (Country, Organization...): `claims` and `aliases`. */
export function NamedEntityResolver(type: EntityTypeName, target: ClassType) {
  @Resolver(() => target)
  class NamedResolver extends claimsResolver(type, target) {
    @FieldResolver(() => [String], {
      description:
        'Other names, spellings, acronyms and former names the sources use. Lookups by name match these too.',
    })
    async aliases(@Root() entity: EntityModel, @Ctx() ctx: Context): Promise<string[]> {
      return (await ctx.loaders.namesByEntity.load(entity.slug))
        .filter((n) => n.kind === 'ALIAS')
        .map((n) => String(n.name));
    }
  }
  return NamedResolver;
}

/** The base of a relationship object's resolver (Membership, AgreementParty...): `claims` and `sources`. */
export function RelationshipResolver(type: EntityTypeName, target: ClassType) {
  const defining = definingFields(type);

  @Resolver(() => target)
  class RelationResolver extends claimsResolver(type, target) {
    @FieldResolver(() => [CitationType], {
      description: 'The quotes that establish this relationship, each with its document.',
    })
    async sources(@Root() entity: EntityModel, @Ctx() ctx: Context): Promise<CitationModel[]> {
      // one statement for the citations of every relationship of the level (a failed batch rejects, and
      // so is the field's error, never a relationship without sources)
      const citations = await ctx.loaders.citationsBySubject(defining).load(entity.slug);
      const seen = new Set<string>();
      return citations.map(toCitationModel).filter((c) => {
        const key = `${c.documentId}\u0000${c.quote}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
  }
  return RelationResolver;
}
