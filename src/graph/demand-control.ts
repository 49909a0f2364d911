/**
 * Demand control: what a field costs, written into the schema as the `@cost` and `@listSize` directives
 * (so Apollo Router, Hive Gateway or Cosmo can enforce the same cost at the edge) and read back from the
 * schema by this service's own cost limit (src/http/limits.ts). The weights live here only.
 *
 * The rule: every field costs FIELD_WEIGHT; a connection (a `first`/`last` page) costs its weight plus its
 * page size times what one item selects; any other list counts as one item.
 */
import {
  Kind,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type TypeNode,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './page-args';

/** What one field costs. */
export const FIELD_WEIGHT = 1;
/** The arguments that set a page's size. */
export const SLICING_ARGUMENTS = ['first', 'last'] as const;
/** The fields of a connection whose length is the page size. */
export const SIZED_FIELDS = ['edges', 'nodes'] as const;
/** A list that is not a page counts as this many items. */
export const PLAIN_LIST_SIZE = 1;

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const int = (value: number): ConstValueNode => ({ kind: Kind.INT, value: String(value) });
const str = (value: string): ConstValueNode => ({ kind: Kind.STRING, value });
const bool = (value: boolean): ConstValueNode => ({ kind: Kind.BOOLEAN, value });
const list = (values: readonly string[]): ConstValueNode => ({ kind: Kind.LIST, values: values.map(str) });

/** Builds a directive node from its name and arguments. */
export function directive(directiveName: string, args: Record<string, ConstValueNode>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: name(directiveName),
    arguments: Object.entries(args).map(([argName, value]) => ({
      kind: Kind.ARGUMENT,
      name: name(argName),
      value,
    })),
  };
}

const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
const isList = (type: TypeNode): boolean =>
  type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));

/** The demand-control directives of one field definition. */
function fieldDirectives(field: FieldDefinitionNode): ConstDirectiveNode[] {
  const directives = [directive('cost', { weight: int(FIELD_WEIGHT) })];
  const isPage =
    namedType(field.type).endsWith('Connection') &&
    SLICING_ARGUMENTS.every((a) => field.arguments?.some((arg) => arg.name.value === a));
  if (isPage)
    directives.push(
      directive('listSize', {
        assumedSize: int(DEFAULT_PAGE_SIZE),
        slicingArguments: list(SLICING_ARGUMENTS),
        sizedFields: list(SIZED_FIELDS),
        requireOneSlicingArgument: bool(false),
      }),
    );
  else if (isList(field.type)) directives.push(directive('listSize', { assumedSize: int(PLAIN_LIST_SIZE) }));
  return directives;
}

/** Adds `@cost` to every field of an object type and `@listSize` to every list among them. */
export function withDemandControl(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      // federation forbids them on interface fields: the implementing types' fields carry them
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION
        ? {
            ...definition,
            fields: definition.fields?.map((field) => ({
              ...field,
              directives: [...(field.directives ?? []), ...fieldDirectives(field)],
            })),
          }
        : definition,
    ),
  };
}

function directiveArguments(
  field: GraphQLField<unknown, unknown>,
  directiveName: string,
): Map<string, ConstValueNode> | undefined {
  const node = field.astNode?.directives?.find((d) => d.name.value === directiveName);
  return node ? new Map(node.arguments?.map((a) => [a.name.value, a.value])) : undefined;
}

const intValue = (value: ConstValueNode | undefined): number | undefined =>
  value?.kind === Kind.INT ? Number(value.value) : undefined;

/**
 * The service's cost estimator, reading `@cost` and `@listSize` from the schema: a field costs its weight
 * plus what it selects; a page multiplies what it selects by its `first`/`last` (else the assumed size).
 * Fields without the directives (introspection) cost FIELD_WEIGHT plus what they select.
 */
export const demandControlEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const weight = intValue(directiveArguments(field, 'cost')?.get('weight')) ?? FIELD_WEIGHT;
  const listSize = directiveArguments(field, 'listSize');
  if (!listSize) return weight + childComplexity;
  const slicing = listSize.get('slicingArguments');
  const slicingNames =
    slicing?.kind === Kind.LIST ? slicing.values.map((v) => (v as { value: string }).value) : [];
  const given = slicingNames.map((a) => args[a]).find((v) => typeof v === 'number');
  const size = Number(given ?? intValue(listSize.get('assumedSize')) ?? DEFAULT_PAGE_SIZE);
  if (slicingNames.length === 0) return weight + size * childComplexity;
  return weight + Math.max(size, 1) * Math.max(childComplexity, 1);
};
