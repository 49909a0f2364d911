/**
 * The cache policy of an answer, read from the schema's `@cacheControl` hints (cache-hints.ts) by walking
 * the operation once, before it runs, instead of once per resolved field.
 *
 * It follows the rules of Apollo's cache-control plugin: a root field, and a field whose type is an object,
 * interface or union without `inheritMaxAge`, gets its type's or its own max age, else the default; a
 * scalar field below the root and a field that inherits add nothing; the answer gets the lowest max age
 * and the narrowest scope of its fields, and the same `Cache-Control` header. Apollo's plugin hooks into
 * every field a query resolves, which cost a tenth of the CPU time of a deep query; this walk runs once per
 * parsed document (Apollo keeps the parsed document of a repeated query) and is remembered. Where Apollo
 * counts only the fields that were resolved, the walk counts every field the operation names (for
 * abstract types, every type that can be returned), so its policy is never looser. Resolvers cannot
 * set hints of their own (`info.cacheControl` is absent); none does.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type CacheScope = 'PUBLIC' | 'PRIVATE';

/** A max age in seconds and who may keep the answer, as Apollo's cache policy holds them. */
export interface CacheHint {
  maxAge?: number;
  scope?: CacheScope;
}

interface Annotation {
  maxAge?: number;
  scope?: CacheScope;
  inheritMaxAge?: boolean;
}

/** The `@cacheControl` arguments among some directives, if one is there. */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scope =
    scopeValue?.kind === Kind.ENUM && (scopeValue.value === 'PUBLIC' || scopeValue.value === 'PRIVATE')
      ? scopeValue.value
      : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, scope };
  const maxAge = argument('maxAge');
  return { maxAge: maxAge?.kind === Kind.INT ? Number(maxAge.value) : undefined, scope };
}

const typeAnnotation = (type: GraphQLNamedType): Annotation =>
  annotationOf(type.astNode?.directives) ??
  type.extensionASTNodes.map((n) => annotationOf(n.directives)).find((a) => a !== undefined) ??
  {};

/** A policy that only narrows: the lowest max age and the narrowest scope seen. */
class Policy implements CacheHint {
  maxAge?: number;
  scope?: CacheScope;

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge))
      this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }
}

/** What one field adds to the answer's policy, by Apollo's rules (see the file's comment). */
function fieldHint(field: GraphQLField<unknown, unknown>, root: boolean, defaultMaxAge: number): CacheHint {
  const hint: Annotation = {};
  let inherits = false;
  const target = getNamedType(field.type);
  if (isCompositeType(target)) {
    Object.assign(hint, typeAnnotation(target));
    inherits = Boolean(hint.inheritMaxAge);
  }
  const own = annotationOf(field.astNode?.directives) ?? {};
  if (own.inheritMaxAge && hint.maxAge === undefined) {
    inherits = true;
    if (own.scope) hint.scope = own.scope;
  } else {
    // Apollo's `replace`: the field's own values win where it has them
    if (own.maxAge !== undefined) hint.maxAge = own.maxAge;
    if (own.scope !== undefined) hint.scope = own.scope;
  }
  if (hint.maxAge === undefined && ((isCompositeType(target) && !inherits) || root))
    hint.maxAge = defaultMaxAge;
  return { maxAge: hint.maxAge, scope: hint.scope };
}

/** The policy of one operation: every field it names, through fragments, on every type it may meet. */
export function operationPolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  defaultMaxAge: number,
): CacheHint {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const policy = new Policy();
  const walked = new Set<string>();
  const walk = (selections: SelectionSetNode, parent: GraphQLCompositeType, root: boolean): void => {
    const key = `${parent.name}@${selections.loc?.start ?? ''}:${root}`;
    if (selections.loc && walked.has(key)) return;
    walked.add(key);
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        // the field as each type that can stand here declares it
        const owners = isAbstractType(parent) ? [parent, ...schema.getPossibleTypes(parent)] : [parent];
        let target: GraphQLNamedType | undefined;
        for (const owner of owners) {
          const field = isObjectType(owner) || isInterfaceType(owner) ? owner.getFields()[name] : undefined;
          if (!field) continue;
          policy.restrict(fieldHint(field, root, defaultMaxAge));
          target = getNamedType(field.type);
        }
        // introspection's own fields (`__schema`, `__type`) are in no type's field map: a root object
        if (!target && root) policy.restrict({ maxAge: defaultMaxAge });
        if (target && selection.selectionSet && isCompositeType(target))
          walk(selection.selectionSet, target, false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, root);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) walk(fragment.selectionSet, type, root);
      }
    }
  };
  const rootType = schema.getRootType(operation.operation);
  if (rootType) walk(operation.selectionSet, rootType, true);
  return { maxAge: policy.maxAge, scope: policy.scope };
}

const UNCACHEABLE = 'no-store';
const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/** Apollo's cache-control plugin without its per-field hook: the policy by `operationPolicy`, the same header. */
export function cachePolicyPlugin(options: { defaultMaxAge: number }): ApolloServerPlugin {
  const known = new WeakMap<DocumentNode, Map<OperationDefinitionNode, CacheHint>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, overallCachePolicy }) {
          if (!operation) return;
          let perOperation = known.get(document);
          if (!perOperation) known.set(document, (perOperation = new Map()));
          let hint = perOperation.get(operation);
          if (!hint)
            perOperation.set(
              operation,
              (hint = operationPolicy(schema, document, operation, options.defaultMaxAge)),
            );
          overallCachePolicy.restrict(hint);
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const existing = response.http.headers.get('cache-control');
          const policy = new Policy();
          policy.restrict(overallCachePolicy);
          if (existing && existing !== UNCACHEABLE) {
            const match = CACHEABLE_HEADER.exec(existing);
            if (!match) return; // a header this plugin cannot read is left as it is
            policy.restrict({
              maxAge: Number(match[1]),
              scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE',
            });
          }
          const cacheable = policy.maxAge !== undefined && policy.maxAge > 0 && existing !== UNCACHEABLE;
          if (cacheable && response.body.kind === 'single' && !response.body.singleResult.errors)
            response.http.headers.set(
              'cache-control',
              `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}`,
            );
          else response.http.headers.set('cache-control', UNCACHEABLE);
        },
      };
    },
  };
}
