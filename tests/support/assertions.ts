/** Assertions about GraphQL error answers that several test files share. */
import type { GraphQLResponse } from './service';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Expects exactly one error, a BAD_USER_INPUT naming `argumentName`, whose message starts with
 * `Invalid argument "<argumentName>"` and, if given, also matches `messagePattern`.
 */
export function expectBadUserInput(
  body: Pick<GraphQLResponse['body'], 'errors'>,
  argumentName: string,
  messagePattern?: RegExp | string,
): void {
  expect(body.errors).toHaveLength(1);
  const error = body.errors![0]!;
  expect(error.extensions!.code).toBe('BAD_USER_INPUT');
  expect(error.extensions!.argumentName).toBe(argumentName);
  expect(error.message).toMatch(new RegExp(`^${escapeRegExp(`Invalid argument "${argumentName}"`)}`));
  if (messagePattern !== undefined) expect(error.message).toMatch(messagePattern);
}

/**
 * Expects a query's SQL statement count not to grow with its page size: run at 2 and at 100 rows, the
 * larger run may add at most `slack` statements (a loader a small page never needed) and stays within
 * `max`. An N+1 pattern would add dozens.
 */
export async function expectStatementsIndependentOfRows(
  api: { gql(query: string): Promise<GraphQLResponse> },
  queryFor: (first: number) => string,
  max: number,
  slack = 2,
): Promise<void> {
  const few = await api.gql(queryFor(2));
  const many = await api.gql(queryFor(100));
  expect(few.body.errors).toBeUndefined();
  expect(many.body.errors).toBeUndefined();
  const statements = (r: GraphQLResponse) =>
    (r.body.extensions!.stats as { sqlStatements: number }).sqlStatements;
  expect(statements(many)).toBeLessThanOrEqual(statements(few) + slack);
  expect(statements(many)).toBeLessThanOrEqual(max);
}
