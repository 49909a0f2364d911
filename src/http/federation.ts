/**
 * What this subgraph accepts from its gateway. The federation fields (`_service`, `_entities`) may be
 * reserved to the gateway with a shared secret: a subgraph normally sits behind a router, and `_entities`
 * resolves arbitrary representations in bulk, which is the router's business, not a public client's.
 * And a representation must name one of this subgraph's entity types (`_Any` itself accepts any value).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The request header in which the gateway sends the shared secret. */
export const FEDERATION_SECRET_HEADER = 'x-federation-secret';

const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** The first federation field an operation selects at its root, fragments included. */
function federationField(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (FEDERATION_FIELDS.has(selection.name.value)) return selection.name.value;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const found = federationField(selection.selectionSet, fragments, seen);
      if (found) return found;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      const found = fragment && federationField(fragment.selectionSet, fragments, seen);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Why a list of representations cannot be resolved, naming the first bad one; undefined when each is an
 * object whose `__typename` is an entity type of this subgraph.
 */
export function representationProblem(schema: GraphQLSchema, representations: unknown): string | undefined {
  if (!Array.isArray(representations)) return undefined; // a single value is coerced to a list of one
  const entity = schema.getType('_Entity');
  const typenames = new Set(entity && 'getTypes' in entity ? entity.getTypes().map((t) => t.name) : []);
  for (let i = 0; i < representations.length; i++) {
    const representation: unknown = representations[i];
    if (representation === null || typeof representation !== 'object' || Array.isArray(representation))
      return `representations[${i}] must be an object with a __typename and the fields of one of its keys`;
    const typename = (representation as { __typename?: unknown }).__typename;
    if (typeof typename !== 'string' || !typenames.has(typename))
      return `representations[${i}] must have a __typename naming an entity type of this subgraph`;
  }
  return undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** With a secret, refuses the federation fields (403 FORBIDDEN) to callers that do not send it. */
export function federationAccessPlugin(secret: string | undefined): ApolloServerPlugin {
  if (!secret) return {};
  const expected = digest(secret);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation, document }) {
          if (!operation) return;
          const field = federationField(operation.selectionSet, fragmentsOf(document));
          if (!field) return;
          const given = request.http?.headers.get(FEDERATION_SECRET_HEADER);
          // compared as digests, in constant time, so the answer reveals nothing about the secret
          if (given !== undefined && timingSafeEqual(digest(given), expected)) return;
          throw new GraphQLError(
            `${field} is reserved to the gateway: query this service through its router (or send the shared secret in the ${FEDERATION_SECRET_HEADER} header).`,
            { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
          );
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}
