/**
 * Leaner resolvers for the fields type-graphql wraps without need. A deep query executes thousands of fields,
 * and type-graphql gives each a wrapper that allocates per call even when it has nothing to do:
 * - a plain property (`name`, `status`) gets a resolver that builds a resolver-data object and runs an
 *   empty middleware chain to read `root[name]`: graphql's default resolver reads the same property;
 * - an abstract type (a union, an interface) gets an `async` type resolver around the one given, so every
 *   union member costs a promise and a turn of the microtask queue, though ours answer synchronously.
 * - a field resolver that takes only the parent, the context or the info (`member(@Root() m, @Ctx() ctx)`)
 *   gets a wrapper that looks its resolver instance up, sorts and maps its parameters into a new array and
 *   runs an empty middleware chain on every call: the method can be called directly.
 * All are replaced in the resolver map handed to @apollo/subgraph. What a field answers does not change:
 * only fields with no middleware, no roles and no renaming lose their wrapper, and field resolvers only when
 * none of their parameters needs converting (arguments keep type-graphql's handling). The schema is built
 * with no IoC container, so type-graphql makes one instance of each resolver class: so does this.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ClassType } from 'type-graphql';

type ResolverMap = Record<string, Record<string, unknown>>;
type TypeResolverFn = (value: unknown, context: unknown, info: unknown) => unknown;

interface FieldInfo {
  target: unknown;
  name: string;
  schemaName: string;
  simple?: boolean;
  roles?: unknown[];
  middlewares?: unknown[];
}

/**
 * Removes the wrappers of plain properties from `resolvers` (made by type-graphql's createResolversMap) and
 * makes the type resolvers of unions and interfaces synchronous. Returns the names of the fields it freed.
 */
export function withLeanResolvers(resolvers: ResolverMap): string[] {
  const storage = getMetadataStorage();
  const freed: string[] = [];
  // (the schema is built with no global middleware, which would have to see every field)
  {
    // the same test type-graphql makes when it chooses a field's resolver (schema-generator.js)
    const hasFieldResolver = (field: FieldInfo) =>
      storage.fieldResolvers.some((r) => r.methodName === field.name && r.getObjectType?.() === field.target);
    for (const objectType of storage.objectTypes) {
      const map = resolvers[objectType.name];
      if (!map || objectType.simpleResolvers) continue;
      const interfaceFields = storage.interfaceTypes
        .filter((i) => objectType.interfaceClasses?.includes(i.target as ClassType))
        .flatMap((i) => i.fields ?? []);
      for (const field of [...interfaceFields, ...(objectType.fields ?? [])] as FieldInfo[]) {
        const plain =
          field.simple !== true &&
          field.name === field.schemaName &&
          (field.roles?.length ?? 0) === 0 &&
          (field.middlewares?.length ?? 0) === 0 &&
          !hasFieldResolver(field);
        if (plain && typeof map[field.schemaName] === 'function') {
          delete map[field.schemaName];
          freed.push(`${objectType.name}.${field.schemaName}`);
        }
      }
    }
  }
  const typeNameOf = new Map<unknown, string>(storage.objectTypes.map((o) => [o.target, o.name]));
  const abstractTypes = [
    ...storage.unions.map((u) => ({ name: u.name, resolveType: u.resolveType })),
    ...storage.interfaceTypes.map((i) => ({ name: i.name, resolveType: i.resolveType })),
  ];
  for (const { name, resolveType } of abstractTypes) {
    const map = resolvers[name];
    if (!map || !resolveType) continue;
    const given = resolveType as TypeResolverFn;
    const wrapped = map.__resolveType as TypeResolverFn | undefined;
    map.__resolveType = (value: unknown, context: unknown, info: unknown) => {
      const type = given(value, context, info);
      if (typeof type === 'string') return type;
      if (type === null || type === undefined) return undefined;
      // a class, or a promise: type-graphql's own resolver knows how to turn those into a name
      return typeNameOf.get(type) ?? wrapped?.(value, context, info);
    };
  }
  return freed;
}

type FieldResolverFn = (root: unknown, args: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * Calls the methods of field resolvers whose parameters are only `@Root()`, `@Ctx()` and `@Info()` directly,
 * in place of type-graphql's wrapper. `resolverClasses` are the classes the schema was built from (type-graphql
 * uses only theirs). Returns the names of the fields it changed.
 */
export function withDirectFieldResolvers(
  resolvers: ResolverMap,
  resolverClasses: readonly (abstract new (...args: never[]) => unknown)[],
): string[] {
  const storage = getMetadataStorage();
  const typeNameOf = new Map<unknown, string>(storage.objectTypes.map((o) => [o.target, o.name]));
  const candidates = storage.fieldResolvers.filter(
    (r) => r.kind === 'external' && resolverClasses.includes(r.target as never),
  );
  const instances = new Map<unknown, Record<string, unknown>>();
  const changed: string[] = [];
  for (const metadata of candidates) {
    const typeName = typeNameOf.get(metadata.getObjectType?.());
    const map = typeName ? resolvers[typeName] : undefined;
    if (!map || typeof map[metadata.schemaName] !== 'function') continue;
    // two classes resolving one field: leave the choice to type-graphql
    const rivals = candidates.filter(
      (r) => r.schemaName === metadata.schemaName && typeNameOf.get(r.getObjectType?.()) === typeName,
    );
    if (rivals.length !== 1 || (metadata.roles?.length ?? 0) > 0 || (metadata.middlewares?.length ?? 0) > 0)
      continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    const plain = params.every(
      (p, i) =>
        p.index === i &&
        (p.kind === 'info' ||
          (p.kind === 'context' && !p.propertyName) ||
          (p.kind === 'root' && !p.propertyName && (!p.getType || p.getType() === Object))),
    );
    if (!plain) continue;
    const Target = metadata.target as new () => Record<string, unknown>;
    let instance = instances.get(Target);
    if (!instance) instances.set(Target, (instance = new Target()));
    const method = instance[metadata.methodName];
    if (typeof method !== 'function') continue;
    const kinds = params.map((p) => p.kind);
    const self = instance;
    let direct: FieldResolverFn;
    if (kinds.join() === 'root,context')
      direct = (root, _args, context) =>
        (method as (r: unknown, c: unknown) => unknown).call(self, root, context);
    else
      direct = (root, _args, context, info) =>
        (method as (...values: unknown[]) => unknown).apply(
          self,
          kinds.map((k) => (k === 'root' ? root : k === 'context' ? context : info)),
        );
    map[metadata.schemaName] = direct;
    changed.push(`${typeName}.${metadata.schemaName}`);
  }
  return changed;
}
