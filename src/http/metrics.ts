/**
 * Prometheus metrics, served at /metrics: GraphQL requests and their latency by operation name, errors
 * by code, SQL statements per request, the database pool, requests shed by admission control, response
 * cache hits and misses, and the process's own metrics (CPU, memory, event loop, handles).
 *
 * One registry per process (`metrics`): the parts of the service that count something call its counters
 * directly, e.g. `metrics.shed.inc()` when a request is refused for overload, `metrics.cacheHits.inc()`.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the database pool holds right now. */
export interface PoolState {
  inUse: number;
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

/** Operation names become label values: only well-formed names, and only so many distinct ones. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class Metrics {
  readonly registry = new Registry();
  /** GraphQL requests answered, by operation name and HTTP status. */
  readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and HTTP status.',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its last byte, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** Errors in responses, by `extensions.code` (one count per error). */
  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly sqlStatements = new Histogram({
    name: 'graphql_request_sql_statements',
    help: 'SQL statements run per GraphQL request.',
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200],
    registers: [this.registry],
  });
  /** Requests refused by admission control (overload) before any work. */
  readonly shed = new Counter({
    name: 'graphql_requests_shed_total',
    help: 'Requests refused for overload before any work was done.',
    registers: [this.registry],
  });
  /** Requests that came on a connection whose previous request was shed, and so waited before admission. */
  readonly held = new Counter({
    name: 'graphql_requests_held_total',
    help: 'Requests held back before admission because their connection had a request shed moments before.',
    registers: [this.registry],
  });
  /** Operations at or above the heavy cost that waited for a turn (src/http/heavy-lane.ts). */
  readonly heavyOperationsWaited = new Counter({
    name: 'graphql_heavy_operations_waited_total',
    help: 'Operations whose estimated cost made them heavy and that waited for one of the few heavy turns.',
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'graphql_response_cache_hits_total',
    help: 'Responses served from the response cache.',
    registers: [this.registry],
  });
  readonly cacheMisses = new Counter({
    name: 'graphql_response_cache_misses_total',
    help: 'Cacheable requests the response cache could not answer.',
    registers: [this.registry],
  });

  private poolState: (() => PoolState) | undefined;
  private readonly operations = new Set<string>();

  constructor() {
    const pool = () => this.poolState?.();
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state: in_use, idle, and waiting (callers queued for one).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const state = pool();
        if (!state) return;
        this.set({ state: 'in_use' }, state.inUse);
        this.set({ state: 'idle' }, state.idle);
        this.set({ state: 'waiting' }, state.waiting);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the pool gauges read from (the service's database pool). */
  watchPool(read: () => PoolState): void {
    this.poolState = read;
  }

  /** The label for an operation name: `anonymous`, the name, or `other` once too many names were seen. */
  operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** GET /metrics in the Prometheus text format. */
  handler(): RequestHandler {
    return (_req, res, next) => {
      this.registry
        .metrics()
        .then((text) => {
          res.set('content-type', this.registry.contentType).set('cache-control', 'no-store').send(text);
        })
        .catch(next);
    };
  }
}

/** The process's metrics: one registry, whatever number of services the process runs. */
export const metrics = new Metrics();

interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** Reads a TypeORM MySQL data source's pool (mysql2 keeps its counts in fields of its own). */
export function poolStateOf(dataSource: { driver: unknown }): () => PoolState {
  return () => {
    const pool = (dataSource.driver as { pool?: Mysql2PoolInternals }).pool;
    const all = pool?._allConnections?.length ?? 0;
    const idle = pool?._freeConnections?.length ?? 0;
    return { inUse: all - idle, idle, waiting: pool?._connectionQueue?.length ?? 0 };
  };
}
