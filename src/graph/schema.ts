/**
 * The schema: type-graphql classes built into an executable schema, then served as an Apollo Federation 2
 * subgraph. type-graphql knows nothing of federation, so its SDL (with directives) is re-read by
 * @apollo/subgraph together with the resolvers and the reference resolvers of every entity.
 */
import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { withCacheHints } from '../cache/cache-hints';
import { countryByIso2 } from '../countries/country.resolver';
import { COUNTRY_RESOLVERS } from '../countries';
import { ORGANIZATION_RESOLVERS } from '../organizations';
import { AGREEMENT_RESOLVERS } from '../agreements';
import { PROJECT_RESOLVERS } from '../projects';
import { FIGURE_RESOLVERS } from '../figures';
import { EVENT_RESOLVERS } from '../events';
import { PEOPLE_RESOLVERS } from '../people';
import { REVISION_RESOLVERS } from '../revisions';
import { DocumentResolver } from '../documents/document.resolver';
import { DISCOVERY_RESOLVERS } from '../discovery';
import { CitationResolver, ClaimResolver } from '../provenance/claim.resolver';
import { ENTITY_TYPE_NAMES } from '../provenance/entity-types';
import { fromGlobalId } from '../provenance/ids';
import { loadNode } from '../provenance/nodes';
import type { Context } from './context';
import { withDemandControl } from './demand-control';
import { withDirectFieldResolvers, withLeanResolvers } from './lean-resolvers';
import { NodeResolver } from './node.resolver';

// One line per domain: each domain exports the resolvers it owns.
const RESOLVERS = [
  NodeResolver,
  ClaimResolver,
  CitationResolver,
  DocumentResolver,
  ...DISCOVERY_RESOLVERS,
  ...COUNTRY_RESOLVERS,
  ...ORGANIZATION_RESOLVERS,
  ...AGREEMENT_RESOLVERS,
  ...PROJECT_RESOLVERS,
  ...FIGURE_RESOLVERS,
  ...EVENT_RESOLVERS,
  ...PEOPLE_RESOLVERS,
  ...REVISION_RESOLVERS,
] as const;

/** Every entity type and Document is a federation entity, found by its global id (Country also by iso2). */
const ENTITY_TYPENAMES = [...ENTITY_TYPE_NAMES, 'Document'] as const;

// v2.12 is the first federation version with @cacheTag (v2.9 brought @cost and @listSize)
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.12", import: ["@key", "@shareable", "@cost", "@listSize", "@cacheTag"])';

async function resolveReference(typename: string, reference: Record<string, unknown>, ctx: Context) {
  if (typeof reference.id === 'string') {
    const decoded = fromGlobalId(reference.id);
    if (!decoded || decoded.type !== typename) return null;
    return loadNode(ctx, decoded.type, decoded.slug);
  }
  if (typename === 'Country' && typeof reference.iso2 === 'string') return countryByIso2(ctx, reference.iso2);
  return null;
}

export interface SchemaOptions {
  /** Add federation `@cacheTag`s for Apollo Router (FEDERATION_CACHE_TAGS; see src/cache/cache-hints.ts). */
  cacheTags?: boolean;
}

export async function buildGraphSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false, skipCheck: true });
  // type-graphql has no way to describe the root type itself
  Object.assign(schema.getQueryType()!, {
    description:
      'The entry points of eurasia-graph: facts about states and organizations, each value with its sources. Look things up by id or name, list them with filters, search, follow a timeline, or ask what connects two sides.',
  });
  // cache hints and demand-control weights are applied here, from one rule each, not per type
  const typeDefs = withCacheHints(
    withDemandControl(parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`)),
    { cacheTags: options.cacheTags ?? false },
  );
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  withLeanResolvers(resolvers);
  withDirectFieldResolvers(resolvers, RESOLVERS);
  for (const typename of ENTITY_TYPENAMES) {
    if (!schema.getType(typename)) continue;
    resolvers[typename] = {
      ...resolvers[typename],
      __resolveReference: (reference: Record<string, unknown>, ctx: Context) =>
        resolveReference(typename, reference, ctx),
    };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}
