/**
 * Limits on what one request may ask for. Depth, aliases and directives are graphql-armor's rules; the
 * token limit is Apollo's own parser option (so too many tokens stays a 400 parse failure); the field count
 * and the cost limit are this service's own: the cost knows page sizes, so a connection costs its `first`
 * (or `last`, default 20) times what it selects.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import type { Limits } from '../config';
import { demandControlEstimator } from '../graph/demand-control';

/** Counts every selected field of an operation, fragments expanded, and refuses more than `max`. */
export function maxFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentCounts = new Map<string, number>();
    const count = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (total > max) return total; // enough to refuse; a fragment bomb must not be expanded in full
        if (selection.kind === Kind.FIELD)
          total += 1 + (selection.selectionSet ? count(selection.selectionSet, visiting) : 0);
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, visiting);
        else {
          const name = selection.name.value;
          if (visiting.has(name)) continue; // a cycle: NoFragmentCycles reports it
          if (!fragmentCounts.has(name)) {
            const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
            fragmentCounts.set(
              name,
              fragment ? count(fragment.selectionSet, new Set([...visiting, name])) : 0,
            );
          }
          total += fragmentCounts.get(name)!;
        }
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        // the operation itself counts as one selection, so `__typename` repeated 500 times makes 501
        const fields = 1 + count(operation.selectionSet, new Set());
        if (fields > max) {
          context.reportError(
            new GraphQLError(
              `The operation selects more than ${max} fields; at most ${max} are accepted (a fragment counts each time it is spread).`,
              { nodes: [operation] },
            ),
          );
        }
      },
    };
  };
}

/**
 * The estimated cost of an operation: explicit `complexity` on a field first, then the schema's own
 * `@cost`/`@listSize` (src/graph/demand-control.ts), which routers read too.
 */
export function operationCost(
  schema: GraphQLSchema,
  query: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), demandControlEstimator],
  });
}

interface CostContext {
  cost?: number;
}

/** Refuses an operation that costs more than the limit, before it runs; reports the cost of those it accepts. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<CostContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          let cost: number;
          try {
            cost = operationCost(
              schema,
              document,
              request.variables ?? {},
              request.operationName ?? undefined,
            );
          } catch {
            // Variables that do not fit the operation: execution refuses them next, as BAD_USER_INPUT,
            // before any resolver runs.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `The operation costs ${cost}, more than the limit of ${maxCost}: ask for smaller pages (first/last) or fewer nested lists.`,
              {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
              },
            );
          }
          contextValue.cost = cost;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && contextValue.cost !== undefined) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { requested: contextValue.cost, limit: maxCost },
            };
          }
        },
      };
    },
  };
}

/** graphql-armor's depth, alias and directive limits, and this service's field count. */
export function limitRules(limits: Limits): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true },
    // __typename aliases are aliases too: an empty allow-list counts every one
    maxAliases: { n: limits.maxAliases, exposeLimits: true, allowList: [] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    // Apollo's own parser limit replaces armor's token plugin, which turns syntax errors into 500s
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [...armor.validationRules, maxFieldsRule(limits.maxFields)],
    plugins: armor.plugins,
  };
}
