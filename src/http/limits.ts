/**
 * Limits on what one request may ask for. Depth, aliases and directives are graphql-armor's rules; the
 * token limit is Apollo's own parser option (so too many tokens stays a 400 parse failure); the field count
 * and the cost limit are this service's own: the cost knows page sizes, so a connection costs its `first`
 * (or `last`, default 20) times what it selects, and `_entities` and `nodes(ids:)` cost what they select
 * once per representation or id.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { HeavyLane } from './heavy-lane';
import { LRUCache } from 'lru-cache';
import type { Limits } from '../config';
import { demandControlEstimator } from '../graph/demand-control';
import { representationProblem } from './federation';
import { coerceVariables } from './variables';

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

/** Root fields that resolve one object per item of a list argument: `_entities` and `nodes(ids:)`. */
const PER_ITEM_FIELDS: Record<string, string> = { _entities: 'representations', nodes: 'ids' };

/** What an operation costs, how many federation representations it asks to resolve, and what is wrong with them. */
export interface OperationCost {
  cost: number;
  representations: number;
  representationProblem?: string;
}

/**
 * The estimated cost of an operation: explicit `complexity` on a field first, then one item's cost times the
 * items of `_entities`/`nodes`, then the schema's own `@cost`/`@listSize` (src/graph/demand-control.ts), which
 * routers read too.
 */
export function operationCost(
  schema: GraphQLSchema,
  query: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  operationName?: string,
): OperationCost {
  let representations = 0;
  let problem: string | undefined;
  // `_entities` and `nodes` cost their selection once per item, as a connection costs it once per row
  const perItemEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const argument = type === schema.getQueryType() ? PER_ITEM_FIELDS[field.name] : undefined;
    if (!argument) return undefined;
    const items = Array.isArray(args[argument]) ? (args[argument] as unknown[]).length : 1;
    if (field.name === '_entities') {
      representations += items;
      problem ??= representationProblem(schema, args[argument]);
    }
    return 1 + items * Math.max(childComplexity, 1);
  };
  const cost = getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), perItemEstimator, demandControlEstimator],
  });
  return { cost, representations, representationProblem: problem };
}

function badRepresentations(problem: string): GraphQLError {
  return new GraphQLError(`Invalid argument "representations": ${problem}.`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations', http: { status: 400 } },
  });
}

interface CostContext {
  cost?: number;
}

/** What the plugin found for an operation and its variables. */
interface Checked {
  badVariables?: GraphQLError[];
  estimate?: OperationCost;
}

/** Checks of repeated operations, per parsed document (Apollo keeps one per distinct query text). */
const checked = new WeakMap<DocumentNode, LRUCache<string, Checked>>();
const CHECKED_PER_DOCUMENT = 32;
const MAX_CHECKED_KEY = 4096;

export interface CostLimitOptions {
  maxCost: number;
  maxRepresentations: number;
  /** Leave schema hints ("Did you mean ...?") out of variable errors. */
  hideSchemaDetails: boolean;
  /** Formats the errors this plugin answers itself, as Apollo formats every other error. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Where operations of a high cost wait for their turn (./heavy-lane.ts); none when absent. */
  heavyLane?: HeavyLane;
}

/**
 * Coerces the variables once (refusing bad ones with at most 50 short errors), then refuses an operation
 * that costs more than the limit or asks for too many representations, before it runs; reports the cost
 * of those it accepts.
 */
export function costLimitPlugin(
  schema: GraphQLSchema,
  options: CostLimitOptions,
): ApolloServerPlugin<CostContext> {
  const { maxCost, maxRepresentations } = options;
  /** The variables' check and the cost of an operation, by its variables; bad variables are never kept. */
  const check = (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): Checked => {
    const coerced = coerceVariables(schema, operation.variableDefinitions ?? [], variables, {
      hideSuggestions: options.hideSchemaDetails,
    });
    if ('errors' in coerced) return { badVariables: coerced.errors };
    try {
      // graphql-query-complexity takes raw variables and coerces them again; they have just been
      // coerced without error and are within the size limits, so that costs little and cannot fail.
      return { estimate: operationCost(schema, document, variables, operationName) };
    } catch {
      return {}; // whatever the estimate trips on, execution reports as the client's error
    }
  };
  return {
    async requestDidStart() {
      let badVariables: GraphQLError[] | undefined;
      let endTurn: (() => void) | undefined;
      return {
        async didResolveOperation({ request, operation, document, contextValue }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          const operationName = request.operationName ?? undefined;
          // A repeated query comes with the document Apollo parsed the first time: its check is reused
          // for the same variables (short ones only, so that the memory it takes stays small).
          const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
          const known = key.length <= MAX_CHECKED_KEY ? checked.get(document)?.get(key) : undefined;
          const result = known ?? check(document, operation, operationName, variables);
          if (!known && key.length <= MAX_CHECKED_KEY && !result.badVariables) {
            let perDocument = checked.get(document);
            if (!perDocument)
              checked.set(document, (perDocument = new LRUCache({ max: CHECKED_PER_DOCUMENT })));
            perDocument.set(key, result);
          }
          if (result.badVariables) {
            badVariables = result.badVariables; // answered in responseForOperation: a hook may throw only one
            return;
          }
          if (!result.estimate) return;
          const { cost, representations, representationProblem } = result.estimate;
          if (representations > maxRepresentations)
            throw badRepresentations(
              `${representations} representations in one request; at most ${maxRepresentations} are accepted`,
            );
          if (representationProblem) throw badRepresentations(representationProblem);
          if (cost > maxCost) {
            throw new GraphQLError(
              `The operation costs ${cost}, more than the limit of ${maxCost}: ask for smaller pages (first/last) or fewer nested lists.`,
              {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
              },
            );
          }
          contextValue.cost = cost;
          // the turn ends when the answer is complete, whatever happened to it (willSendResponse)
          endTurn = await options.heavyLane?.enter(cost);
        },
        async responseForOperation() {
          if (!badVariables) return null;
          return {
            http: { status: 400, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: { errors: badVariables.map((e) => options.formatError(e.toJSON(), e)) },
            },
          };
        },
        async willSendResponse({ response, contextValue }) {
          endTurn?.();
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
