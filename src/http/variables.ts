/**
 * A request's variables: refused before any work when they are too large (object keys, list items,
 * nesting), then coerced once against the operation's definitions, stopping after a few errors. Each error
 * names the variable, the path inside it and the problem, never the whole value: graphql-js prints the
 * value in every message, so thousands of bad keys used to cost seconds of CPU, quadratically.
 */
import type { RequestHandler } from 'express';
import {
  coerceInputValue,
  GraphQLError,
  isInputType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import type { Limits } from '../config';
import { httpErrorBody } from './errors';

/** Errors reported for one request's variables before coercion stops (graphql-js's own default). */
export const MAX_VARIABLE_ERRORS = 50;

/** The longest problem text an error repeats from the coercion (a scalar's message quotes the value). */
const MAX_PROBLEM_LENGTH = 160;

type VariableLimits = Pick<Limits, 'maxVariableKeys' | 'maxVariableListItems' | 'maxVariableDepth'>;

/** A path such as `$filter.region` or `$ids[3]`, shortened so that a message stays short. */
function printPath(path: readonly (string | number)[]): string {
  const text = path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? `$${part}` : `.${part}`))
    .join('');
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * The first limit the variables exceed, as a message naming the limit and where it was crossed; undefined
 * when they are within every limit. Stops at the first excess, so its work is bounded by the limits.
 */
export function oversizedVariables(variables: unknown, limits: VariableLimits): string | undefined {
  let keys = 0;
  let items = 0;
  const at = (path: (string | number)[]) => printPath(path) || 'the top level';
  const walk = (value: unknown, path: (string | number)[], depth: number): string | undefined => {
    if (value === null || typeof value !== 'object') return undefined;
    if (depth > limits.maxVariableDepth)
      return `The variables are nested more than ${limits.maxVariableDepth} levels deep (at ${at(path)}): at most ${limits.maxVariableDepth} levels of objects and lists are accepted.`;
    if (Array.isArray(value)) {
      items += value.length;
      if (items > limits.maxVariableListItems)
        return `The variables hold more than ${limits.maxVariableListItems} list items (at ${at(path)}): at most ${limits.maxVariableListItems} are accepted across all variables.`;
      for (let i = 0; i < value.length; i++) {
        const problem = walk(value[i], [...path, i], depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    const names = Object.keys(value);
    keys += names.length;
    if (keys > limits.maxVariableKeys)
      return `The variables hold more than ${limits.maxVariableKeys} keys (at ${at(path)}): at most ${limits.maxVariableKeys} object keys are accepted across all variables.`;
    for (const name of names) {
      const problem = walk((value as Record<string, unknown>)[name], [...path, name], depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(variables, [], 0);
}

/** Refuses oversized variables (POST body or GET parameter) with 400 BAD_USER_INPUT, before GraphQL runs. */
export function variablesSizeGuard(limits: VariableLimits): RequestHandler {
  return (req, res, next) => {
    let variables: unknown =
      req.method === 'POST'
        ? (req.body as { variables?: unknown } | undefined)?.variables
        : req.query.variables;
    if (typeof variables === 'string' && req.method !== 'POST') {
      try {
        variables = JSON.parse(variables);
      } catch {
        return next(); // not JSON: Apollo answers that itself
      }
    }
    const problem = oversizedVariables(variables, limits);
    if (!problem) return next();
    res.status(400).json(httpErrorBody(problem, String(req.id), 'BAD_USER_INPUT'));
  };
}

function badVariable(message: string, node: VariableDefinitionNode): GraphQLError {
  return new GraphQLError(message, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** Thrown inside the coercion to stop it once enough errors are collected. */
class TooManyErrors extends Error {}

export interface CoerceOptions {
  maxErrors?: number;
  /** Leave out graphql-js's "Did you mean ...?" (it reveals the schema where introspection is off). */
  hideSuggestions?: boolean;
}

/**
 * Coerces the variables as graphql-js's execution does (`getVariableValues`), with short messages and at
 * most `maxErrors` errors (then one more saying that it stopped).
 */
export function coerceVariables(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
  { maxErrors = MAX_VARIABLE_ERRORS, hideSuggestions = false }: CoerceOptions = {},
): { coerced: Record<string, unknown> } | { errors: GraphQLError[] } {
  const errors: GraphQLError[] = [];
  const coerced: Record<string, unknown> = {};
  const report = (error: GraphQLError) => {
    if (errors.length >= maxErrors) throw new TooManyErrors();
    errors.push(error);
  };
  try {
    for (const definition of definitions) {
      const name = definition.variable.name.value;
      const type = typeFromAST(schema, definition.type);
      if (!type || !isInputType(type)) continue; // validation has refused such an operation already
      if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
        if (definition.defaultValue) coerced[name] = valueFromAST(definition.defaultValue, type);
        else if (isNonNullType(type))
          report(
            badVariable(
              `Variable "$${name}" of required type "${String(type)}" was not provided.`,
              definition,
            ),
          );
        continue;
      }
      const value = inputs[name];
      if (value === null && isNonNullType(type)) {
        report(
          badVariable(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`, definition),
        );
        continue;
      }
      coerced[name] = coerceInputValue(value, type, (path, _invalid, error) => {
        let problem = error.message;
        if (hideSuggestions) problem = problem.replace(/ ?Did you mean .*$/s, '');
        if (problem.length > MAX_PROBLEM_LENGTH) problem = `${problem.slice(0, MAX_PROBLEM_LENGTH)}…`;
        const where = path.length ? ` at "${printPath([name, ...path]).slice(1)}"` : '';
        report(badVariable(`Variable "$${name}" got invalid value${where}: ${problem}`, definition));
      });
    }
  } catch (error) {
    if (!(error instanceof TooManyErrors)) throw error;
    errors.push(
      new GraphQLError(`Too many errors in the variables: stopped after ${maxErrors}.`, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      }),
    );
  }
  return errors.length ? { errors } : { coerced };
}
