/**
 * Per-request accounting. Every statement the API runs goes through the request's Database (./database.ts,
 * bound to these stats by `forRequest`), which counts it and refuses to start one after the request's
 * deadline, so a response can report what it cost and a slow request stops early.
 *
 * The stats travel with the request's context, not in an AsyncLocalStorage: on Node 20 an
 * AsyncLocalStorage turns on a hook for every promise of the process, which cost a fifth of the CPU time
 * of a request with many fields.
 */

export interface RequestStats {
  /** The id that the request's log line and every error in its response carry. */
  requestId: string | undefined;
  sqlStatements: number;
  startedAt: bigint;
  /** Epoch milliseconds after which the request runs no more statements. */
  deadline: number | undefined;
  /** The worst database trouble the request's errors reported, if any (its log line's level depends on it). */
  databaseProblem?: DatabaseProblem;
}

/** An outage, a pool with no room left in its queue, or a time limit: from worst to least. */
export type DatabaseProblem = 'unavailable' | 'busy' | 'timeout';

export function newRequestStats(timeoutMs?: number, requestId?: string): RequestStats {
  return {
    requestId,
    sqlStatements: 0,
    startedAt: process.hrtime.bigint(),
    deadline: timeoutMs === undefined ? undefined : Date.now() + timeoutMs,
  };
}

export function elapsedMs(stats: RequestStats): number {
  return Number((process.hrtime.bigint() - stats.startedAt) / 1000n) / 1000;
}

const SEVERITY: Record<DatabaseProblem, number> = { unavailable: 3, busy: 2, timeout: 1 };

/** Records a database problem against a request, keeping the worst one seen. */
export function noteDatabaseProblem(stats: RequestStats | undefined, problem: DatabaseProblem): void {
  if (stats && SEVERITY[problem] > (stats.databaseProblem ? SEVERITY[stats.databaseProblem] : 0))
    stats.databaseProblem = problem;
}

/** Sees every statement the API runs, with the request it runs for: how tests and benchmarks read the SQL. */
export type StatementListener = (
  sql: string,
  params: readonly unknown[],
  stats: RequestStats | undefined,
) => void;

let statementListener: StatementListener | undefined;

/**
 * Installs (or, with undefined, removes) the statement listener. Only code in the service's own process can
 * install one; nothing reaches it over HTTP, and without one the API pays a single comparison per statement.
 */
export function setStatementListener(listener: StatementListener | undefined): void {
  statementListener = listener;
}

export function notifyStatement(
  sql: string,
  params: readonly unknown[],
  stats: RequestStats | undefined,
): void {
  statementListener?.(sql, params, stats);
}
