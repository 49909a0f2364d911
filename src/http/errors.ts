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
import { currentStats, noteDatabaseProblem, type DatabaseProblem } from '../db/request-stats';

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
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
]);
const TIMEOUT_CODES = new Set(['ER_STATEMENT_TIMEOUT', 'ER_QUERY_TIMEOUT']);
/** MariaDB's max_statement_time (1969) and MySQL's max_execution_time (3024): mysql2 names neither. */
const TIMEOUT_ERRNOS = new Set([1969, 3024]);

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

export function createFormatError(production: boolean, logger: Logger) {
  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const problem = databaseProblem(error);
    if (problem) {
      noteDatabaseProblem(problem);
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
    logger.error({ err: error, requestId: currentStats()?.requestId }, 'internal error in a GraphQL request');
    if (!production) return formatted;
    return {
      message: INTERNAL_MESSAGE,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }

  // Every error of a request, even one Apollo raises before the request's context exists, is formatted
  // inside the request's async scope, where its id is.
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = format(formatted, error);
    const requestId = currentStats()?.requestId;
    return requestId ? { ...shown, extensions: { ...shown.extensions, requestId } } : shown;
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
