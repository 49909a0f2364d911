/**
 * What clients see when something goes wrong. Errors a client can act on keep their message and code;
 * a database that cannot be reached becomes SERVICE_UNAVAILABLE (HTTP 503); anything else is an internal
 * error whose details stay in the log, never in a production response (no stack, SQL, host, port or path).
 * Every error carries the request id that the log line of its request carries too.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { RequestDeadlineError } from '../db/database';
import { noteDatabaseProblem, type DatabaseProblem, type RequestStats } from '../db/request-stats';
import { CONNECTION_LOST_CODES } from '../db/connection-errors';

/** Codes whose messages are written for clients and pass through as they are. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
]);

/** mysql2 and TypeORM signal an unreachable or overloaded database with these codes and messages. */
const UNAVAILABLE_CODES = new Set([
  ...CONNECTION_LOST_CODES,
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'ER_QUERY_INTERRUPTED',
]);
const TIMEOUT_CODES = new Set(['ER_STATEMENT_TIMEOUT', 'ER_QUERY_TIMEOUT']);
/**
 * MariaDB's max_statement_time (1969) and MySQL's max_execution_time (3024): mysql2 names neither. A
 * full-text lookup that InnoDB stops part-way for the time limit reports its handler's "aborted by user"
 * (188, "Unknown error 188") instead.
 */
const TIMEOUT_ERRNOS = new Set([1969, 3024, 188]);

export const UNAVAILABLE_MESSAGE = 'The database is unavailable; try again shortly.';
export const TIMEOUT_MESSAGE =
  'The request took longer than the time limit; ask for less (smaller pages, fewer nested lists).';
export const INTERNAL_MESSAGE = 'Internal server error.';

/** Walks an error and its causes (GraphQL wraps resolver errors; TypeORM wraps driver errors). */
function causes(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  let current: unknown = error;
  for (let i = 0; i < 6 && current && typeof current === 'object'; i++) {
    const e = current as Record<string, unknown>;
    chain.push(e);
    // graphql wraps what resolvers throw (thrownValue when it is not an Error here), TypeORM the driver's error
    current = e.originalError ?? e.thrownValue ?? e.driverError ?? e.cause;
  }
  return chain;
}

/**
 * Classifies an error: a database outage, a pool whose queue is full (busy), a time limit, or none of
 * those. Busy and timeout are load, logged at warn; an outage is an error (see log-level.ts).
 */
export function databaseProblem(error: unknown): DatabaseProblem | undefined {
  for (const e of causes(error)) {
    if (
      e instanceof RequestDeadlineError ||
      TIMEOUT_CODES.has(String(e.code)) ||
      TIMEOUT_ERRNOS.has(Number(e.errno))
    )
      return 'timeout';
    if (/Queue limit reached/i.test(String(e.message))) return 'busy';
    if (
      UNAVAILABLE_CODES.has(String(e.code)) ||
      /Pool is closed|connect ECONNREFUSED/i.test(String(e.message))
    )
      return 'unavailable';
  }
  return undefined;
}

/** Internal errors already logged with their request's id (by `requestErrorsPlugin`), not to be logged again. */
const logged = new WeakSet<object>();

/** Is this code one whose message is written for clients? */
const isClientCode = (code: unknown) => CLIENT_CODES.has(String(code ?? 'INTERNAL_SERVER_ERROR'));

export function createFormatError(production: boolean, logger: Logger) {
  return function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const problem = databaseProblem(error);
    if (problem) {
      return {
        message: problem === 'timeout' ? TIMEOUT_MESSAGE : UNAVAILABLE_MESSAGE,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    if (CLIENT_CODES.has(code)) {
      // graphql-armor words its limit errors as syntax errors; they are validation failures
      if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message.startsWith('Syntax Error: ')) {
        formatted = { ...formatted, message: formatted.message.slice('Syntax Error: '.length) };
      }
      const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: production ? extensions : formatted.extensions };
    }
    // an error raised before the request's context existed reaches only this function: log it here
    if (!(error && typeof error === 'object' && logged.has(error)))
      logger.error({ err: error }, 'internal error in a GraphQL request');
    if (!production) return formatted;
    return {
      message: INTERNAL_MESSAGE,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * What a request's errors tell beyond their formatted text: a database problem is noted against the
 * request (its log line's level depends on it), an internal error is logged with the request's id, and
 * every error of the answer carries that id. (Errors Apollo answers before a request has a context get
 * their id at the HTTP layer, graphql-handler.ts.)
 */
export function requestErrorsPlugin(
  logger: Logger,
): ApolloServerPlugin<{ stats: RequestStats; requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const problem = databaseProblem(error);
            if (problem) noteDatabaseProblem(contextValue.stats, problem);
            else if (!isClientCode(error.extensions?.code)) {
              logged.add(error);
              logger.error(
                { err: error, requestId: contextValue.requestId },
                'internal error in a GraphQL request',
              );
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const requestId = contextValue.requestId;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId },
          }));
        },
      };
    },
  };
}

/** Answers 503 (with Retry-After) when the database was the trouble. */
export function unavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          if (response.body.singleResult.errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

/** The JSON body of an error the HTTP layer answers itself (before GraphQL runs). */
export function httpErrorBody(message: string, requestId: string, code = 'BAD_REQUEST') {
  return { errors: [{ message, extensions: { code, requestId } }] };
}
