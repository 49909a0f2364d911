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
