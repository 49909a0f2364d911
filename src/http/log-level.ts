/**
 * The level of each request's access-log line. Load is not a fault: a request that met a full pool queue
 * or a statement time limit is logged at warn and without a stack (as the admission gate logs the requests
 * it refuses), so a flood leaves short lines an operator can count instead of thousands of stack traces.
 * Any other 5xx (an internal error, the database down) is an error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestStats } from '../db/request-stats';

type Level = 'info' | 'warn' | 'error';

/** The response's locals, where the GraphQL route leaves what it knows. */
function locals(res: ServerResponse): { stats?: RequestStats } {
  return (res as ServerResponse & { locals?: { stats?: RequestStats } }).locals ?? {};
}

/** Why a 503 only means the service is busy, or undefined when it means something else (or is no 503). */
function loadReason(res: ServerResponse): string | undefined {
  if (res.statusCode !== 503) return undefined;
  const { stats } = locals(res);
  if (stats?.databaseProblem === 'busy') return 'database pool queue full';
  if (stats?.databaseProblem === 'timeout') return 'time limit';
  return undefined;
}

export function accessLogLevel(_req: IncomingMessage, res: ServerResponse, error?: Error): Level {
  if (loadReason(res)) return 'warn';
  return error || res.statusCode >= 500 ? 'error' : 'info';
}

/**
 * pino-http attaches an Error to every 5xx line, made up when nothing threw, whose stack only shows
 * pino-http itself. Load lines drop it and carry the reason instead.
 */
export function accessLogErrorObject(
  _req: IncomingMessage,
  res: ServerResponse,
  _error: Error,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const overload = loadReason(res);
  if (!overload) return value;
  const { err: _err, ...rest } = value;
  return { ...rest, overload };
}

/** The message of a 5xx line: load is named as such. */
export function accessLogErrorMessage(_req: IncomingMessage, res: ServerResponse): string {
  return loadReason(res) ? 'request not served under load' : 'request errored';
}
