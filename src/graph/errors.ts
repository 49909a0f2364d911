/** Errors a client can act on: each names the argument and what is accepted. */
import { GraphQLError } from 'graphql';

export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: argument, http: { status: 200 } },
  });
}
