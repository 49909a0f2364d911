/** Introspection helpers for tests that walk every argument of the schema. */

/** A type reference as introspection gives it. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

/** The selection that reads a type reference four wrappers deep (enough for `[X!]!`). */
export const TYPE_REF =
  'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';

/** The type as SDL writes it: `[String!]!`. */
export const printType = (t: TypeRef): string =>
  t.kind === 'NON_NULL'
    ? `${printType(t.ofType!)}!`
    : t.kind === 'LIST'
      ? `[${printType(t.ofType!)}]`
      : t.name!;

/** The named type inside every list and non-null wrapper. */
export const namedType = (t: TypeRef): TypeRef => (t.ofType ? namedType(t.ofType) : t);

/** The type without its outer non-null wrapper. */
export const nullable = (t: TypeRef): TypeRef => (t.kind === 'NON_NULL' ? t.ofType! : t);
