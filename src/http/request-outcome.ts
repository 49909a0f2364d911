/**
 * What one GraphQL request came to (operation name, cost, error codes), gathered while it runs and read
 * once it is answered: by the metrics and by the request's log line. The log line carries no query text
 * and no variables, and a GET request's query string is reduced to its length.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { RequestStats } from '../db/request-stats';
import { metrics, type Metrics } from './metrics';

export interface RequestOutcome {
  /** The operation that ran, or the name the request asked for. */
  operationName?: string;
  /** The accepted operation's cost (see limits.ts). */
  cost?: number;
  /** `extensions.code` of every error in the response, in order. */
  errorCodes?: string[];
  startedAt: bigint;
}

/** Where the outcome of a request is kept while it runs. */
export const outcomeOf = (res: Response): RequestOutcome | undefined =>
  res.locals.outcome as RequestOutcome | undefined;

/** Fills the request's outcome from inside Apollo: the resolved operation, its cost, its errors. */
export function outcomePlugin(): ApolloServerPlugin<{ outcome?: RequestOutcome; cost?: number }> {
  return {
    async requestDidStart({ request, contextValue }) {
      if (contextValue.outcome && request.operationName)
        contextValue.outcome.operationName = request.operationName;
      return {
        async didResolveOperation({ operationName, contextValue: context }) {
          if (context.outcome && operationName) context.outcome.operationName = operationName;
        },
        async willSendResponse({ response, contextValue: context }) {
          const outcome = context.outcome;
          if (!outcome) return;
          if (context.cost !== undefined) outcome.cost = context.cost;
          if (response.body.kind === 'single')
            outcome.errorCodes = (response.body.singleResult.errors ?? []).map((e) =>
              String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            );
        },
      };
    },
  };
}

/** The error codes of a JSON error body sent outside Apollo (405, 413, 415, a refused preflight...). */
function codesOfBody(body: unknown): string[] | undefined {
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as {
      errors?: { extensions?: { code?: unknown } }[];
    };
    return parsed?.errors?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  } catch {
    return undefined;
  }
}

/**
 * Starts a request's outcome and, once the response is sent, counts it: the request by operation and
 * status, its latency, its errors by code, its SQL statements.
 */
export function observeRequests(registry: Metrics = metrics): RequestHandler {
  return (req, res, next) => {
    const outcome: RequestOutcome = { startedAt: process.hrtime.bigint() };
    res.locals.outcome = outcome;
    const requested = req.method === 'GET' ? req.query.operationName : undefined;
    if (typeof requested === 'string') outcome.operationName = requested;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // errors answered before GraphQL ran: their codes come from the body itself
      if (outcome.errorCodes === undefined && res.statusCode >= 400) outcome.errorCodes = codesOfBody(body);
      return send(body);
    };
    res.once('finish', () => {
      const operation = registry.operationLabel(outcome.operationName);
      registry.requests.inc({ operation, status: String(res.statusCode) });
      registry.duration.observe({ operation }, Number(process.hrtime.bigint() - outcome.startedAt) / 1e9);
      for (const code of outcome.errorCodes ?? []) registry.errors.inc({ code });
      const stats = res.locals.stats as RequestStats | undefined;
      if (stats) registry.sqlStatements.observe(stats.sqlStatements);
    });
    next();
  };
}

/** The fields of a request's log line beyond id, method, path, status and duration. */
export function logFields(_req: Request, res: Response): Record<string, unknown> {
  const outcome = outcomeOf(res);
  if (!outcome || !res.writableFinished) return {};
  const stats = res.locals.stats as RequestStats | undefined;
  return {
    ...(outcome.operationName ? { operation: outcome.operationName } : {}),
    ...(stats ? { sqlStatements: stats.sqlStatements } : {}),
    ...(outcome.cost !== undefined ? { cost: outcome.cost } : {}),
    ...(outcome.errorCodes?.length ? { errors: outcome.errorCodes } : {}),
  };
}

/** A request as its log line shows it: the path without its query string, which may hold query text. */
export function logRequest(req: { id: unknown; method: string; url: string }): Record<string, unknown> {
  const question = req.url.indexOf('?');
  return {
    id: req.id,
    method: req.method,
    path: question === -1 ? req.url : req.url.slice(0, question),
    ...(question === -1 ? {} : { queryStringBytes: Buffer.byteLength(req.url.slice(question + 1)) }),
  };
}
