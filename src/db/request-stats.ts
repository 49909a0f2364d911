/**
 * Per-request SQL accounting. Every statement the API runs goes through `query` in ./sql.ts, which counts
 * it against the request it belongs to (found through AsyncLocalStorage), so a response can report how many
 * statements it cost and tests can prove that batching holds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestStats {
  sqlStatements: number;
  startedAt: bigint;
}

const storage = new AsyncLocalStorage<RequestStats>();

export function newRequestStats(): RequestStats {
  return { sqlStatements: 0, startedAt: process.hrtime.bigint() };
}

export function runWithStats<T>(stats: RequestStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function currentStats(): RequestStats | undefined {
  return storage.getStore();
}

export function elapsedMs(stats: RequestStats): number {
  return Number((process.hrtime.bigint() - stats.startedAt) / 1000n) / 1000;
}
