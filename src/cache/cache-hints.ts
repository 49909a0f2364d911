/**
 * Cache hints written into the schema at build time, from one rule instead of a decorator per type:
 *
 * - every object, interface and union type is public and inherits the max age of the field that reached it,
 *   so an answer's max age is that of its root fields: the CACHE_MAX_AGE setting (the cache-control plugin's
 *   default max age, src/http/app.ts). Entity types carry it too, so `_entities` answers are cacheable.
 * - with FEDERATION_CACHE_TAGS on, every entity type (one with `@key`) carries the `@cacheTag`s Apollo
 *   Router can invalidate it by (the entity's own tag and the tag of the whole graph) and every root field
 *   the graph's tag. Off by default: @apollo/gateway 2.14 refuses a supergraph that holds them ("feature
 *   https://specs.apollo.dev/cacheTag/v0.1 is for: EXECUTION but is unsupported"); Apollo Router reads them.
 *
 * Introspection and anything with errors are never cached (src/cache/response-cache.ts).
 */
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type DocumentNode } from 'graphql';
import { directive } from '../graph/demand-control';

/** The tag of every answer of this subgraph: invalidating it drops everything a router cached from it. */
export const GRAPH_CACHE_TAG = 'eurasia-graph';

/** The `@cacheTag` format of one entity type: its name in kebab case and the key's id. */
export const entityCacheTag = (typename: string): string =>
  `${typename.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-{$key.id}`;

/** Apollo's `@cacheControl` directive and its scope enum, declared for the subgraph SDL. */
export const CACHE_CONTROL_DEFINITIONS = parse(`
"""Who may keep a cached answer: any cache (PUBLIC) or only the asking client's own (PRIVATE)."""
enum CacheControlScope {
  """Any cache may keep the answer: it is the same for every client."""
  PUBLIC
  """Only the asking client may keep the answer."""
  PRIVATE
}

"""How long, and by whom, an answer holding this type or field may be cached."""
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`).definitions;

const str = (value: string) => ({ kind: Kind.STRING, value }) as const;
const PUBLIC_INHERITED = directive('cacheControl', {
  scope: { kind: Kind.ENUM, value: 'PUBLIC' },
  inheritMaxAge: { kind: Kind.BOOLEAN, value: true },
});
const graphTag = () => directive('cacheTag', { format: str(GRAPH_CACHE_TAG) });

const hasKey = (directives: readonly ConstDirectiveNode[] | undefined) =>
  directives?.some((d) => d.name.value === 'key') ?? false;

function withHints(definition: DefinitionNode, queryType: string, cacheTags: boolean): DefinitionNode {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION: {
      if (definition.name.value === queryType) {
        if (!cacheTags) return definition;
        return {
          ...definition,
          fields: definition.fields?.map((f) => ({
            ...f,
            directives: [...(f.directives ?? []), graphTag()],
          })),
        };
      }
      const tags =
        cacheTags && hasKey(definition.directives)
          ? [directive('cacheTag', { format: str(entityCacheTag(definition.name.value)) }), graphTag()]
          : [];
      return { ...definition, directives: [...(definition.directives ?? []), PUBLIC_INHERITED, ...tags] };
    }
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.UNION_TYPE_DEFINITION:
      return { ...definition, directives: [...(definition.directives ?? []), PUBLIC_INHERITED] };
    default:
      return definition;
  }
}

/** Adds the cache hints (and the cache tags, when asked) to the SDL, with the `@cacheControl` declaration. */
export function withCacheHints(
  document: DocumentNode,
  options: { cacheTags: boolean; queryType?: string },
): DocumentNode {
  const queryType = options.queryType ?? 'Query';
  return {
    ...document,
    definitions: [
      ...document.definitions.map((d) => withHints(d, queryType, options.cacheTags)),
      ...CACHE_CONTROL_DEFINITIONS,
    ],
  };
}
