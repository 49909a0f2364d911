/**
 * Reads on replicas, writes on the primary. Each replica has a mysql2 pool of its own and is checked every
 * REPLICA_CHECK_MS on a connection of its own: up, replicating (its SQL thread runs), not further behind
 * than REPLICA_MAX_LAG_SECONDS, and its data version (the row every ingest advances, which replicates with
 * the data). Per-replica pools rather than TypeORM's `replication` option: that one never recovers after
 * the database restarts; a plain pool reconnects on its next query.
 *
 * Consistency, per request:
 * - A request is pinned to one target (a replica, or the primary as the fallback) with the data version
 *   that target is known to hold (a lower bound: versions only grow). The response cache keys on that
 *   version, so a lagging replica never looks up a newer version's entries, and never stores its old data
 *   under a newer version.
 * - After the request ran, the pinned target's version is read again: the answer carries it in
 *   `x-data-version`; when it moved during the request the answer is not stored in the cache, since its
 *   data may come from either version.
 * - Monotonic reads: a target is chosen only if it holds at least the highest version this process has
 *   answered with, and at least the version a client sends in `x-min-data-version` (the last
 *   `x-data-version` it saw, from any replica of the service). Otherwise the primary answers: it holds
 *   every version its replicas hold.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import mysql from 'mysql2/promise';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ReplicaSettings } from '../config';
import { CONNECTION_LOST_CODES } from './connection-errors';

export const MIN_VERSION_HEADER = 'x-min-data-version';
export const VERSION_HEADER = 'x-data-version';

const READ_VERSION = 'SELECT version FROM data_version WHERE id = 1';

/** Errors that mean the server cannot be reached: the statement is tried once on another target. */
const CONNECTION_CODES = new Set(CONNECTION_LOST_CODES);

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; fatal?: unknown };
  return CONNECTION_CODES.has(String(e?.code)) || e?.fatal === true;
}

/** What the last check found on one target. */
export interface TargetState {
  name: string;
  /** It answered the last check. */
  up: boolean;
  /** It takes reads: up, replicating, within the lag limit. */
  eligible: boolean;
  /** The data version it held at its last check (a lower bound of what it holds now). */
  version: number;
  /** Seconds_Behind_Master; null when unknown (its primary unreachable, or not a replica). */
  lagSeconds: number | null;
  /** Why it takes no reads, when it does not. */
  reason?: string;
}

interface Target {
  state: TargetState;
  run(sql: string, params: readonly unknown[]): Promise<unknown[]>;
}

/** The target one request reads from, and the version it was chosen with. */
export interface Pin {
  target: Target;
  version: number;
}

export interface ReadRouterOptions {
  primary: DataSource;
  settings: ReplicaSettings;
  poolSize: number;
  queueLimit: number;
  logger: Logger;
  /** Where the per-target statement counters and eligibility gauges are registered. */
  registry?: Registry;
}

const PIN = Symbol('read-router pin');
type PinnedRequest = IncomingMessage & { [PIN]?: Pin | null };

export class ReadRouter {
  private readonly primary: Target;
  private readonly replicas: (Target & { pool: mysql.Pool; checkPool: mysql.Pool })[];
  private readonly storage = new AsyncLocalStorage<Pin>();
  /** The highest version this process has answered with: no later answer is older. */
  private floor = 0;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private readonly statements: Counter<'target'> | undefined;

  constructor(private readonly options: ReadRouterOptions) {
    const { primary, settings } = options;
    this.primary = {
      state: { name: 'primary', up: true, eligible: true, version: 0, lagSeconds: 0 },
      run: (sql, params) => primary.query(sql, params as unknown[]) as Promise<unknown[]>,
    };
    this.replicas = settings.urls.map((url, i) => {
      const common = {
        uri: url,
        charset: 'utf8mb4_unicode_ci',
        timezone: 'Z',
        supportBigNumbers: true,
        bigNumberStrings: true,
        connectTimeout: 2000,
      };
      const pool = mysql.createPool({
        ...common,
        connectionLimit: options.poolSize,
        queueLimit: options.queueLimit,
        waitForConnections: true,
      });
      // the check never waits behind the requests' queue
      const checkPool = mysql.createPool({ ...common, connectionLimit: 1, queueLimit: 1 });
      // a connection that breaks while idle is dropped by the pool; without a listener it would crash us
      pool.on('connection', (c) => c.on('error', () => undefined));
      checkPool.on('connection', (c) => c.on('error', () => undefined));
      return {
        pool,
        checkPool,
        state: {
          name: `replica-${i + 1}`,
          up: false,
          eligible: false,
          version: 0,
          lagSeconds: null,
          reason: 'not checked yet',
        },
        run: async (sql: string, params: readonly unknown[]) => {
          const [rows] = await pool.query(sql, params as unknown[]);
          return rows as unknown[];
        },
      };
    });
    // one registry per process: a second router in the same process (tests) shares the first one's metrics
    const existing = options.registry?.getSingleMetric('db_statements_total');
    if (existing) this.statements = existing as Counter<'target'>;
    else if (options.registry) {
      this.statements = new Counter({
        name: 'db_statements_total',
        help: 'SQL statements run for requests, by database target (primary, replica-1, ...).',
        labelNames: ['target'] as const,
        registers: [options.registry],
      });
      const states = () => this.states();
      new Gauge({
        name: 'db_read_target_eligible',
        help: 'Whether a database target takes reads (1) or not (0), as its last check found it.',
        labelNames: ['target'] as const,
        registers: [options.registry],
        collect() {
          for (const s of states()) this.set({ target: s.name }, s.eligible ? 1 : 0);
        },
      });
      new Gauge({
        name: 'db_read_target_version',
        help: 'The data version a database target held at its last check.',
        labelNames: ['target'] as const,
        registers: [options.registry],
        collect() {
          for (const s of states()) this.set({ target: s.name }, s.version);
        },
      });
    }
  }

  /** Checks every target once, then keeps checking every REPLICA_CHECK_MS. */
  async start(): Promise<void> {
    await this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), this.options.settings.checkMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await Promise.all(this.replicas.flatMap((r) => [r.pool.end(), r.checkPool.end()]));
  }

  states(): TargetState[] {
    return [this.primary.state, ...this.replicas.map((r) => ({ ...r.state }))];
  }

  /** Whether some target can answer reads: what readiness asks when the primary is down. */
  canRead(): boolean {
    return this.replicas.some((r) => r.state.eligible);
  }

  private checkAll(): Promise<void> {
    this.checking ??= Promise.all([this.checkPrimary(), ...this.replicas.map((r) => this.checkReplica(r))])
      .then(() => undefined)
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async checkPrimary(): Promise<void> {
    const state = this.primary.state;
    try {
      const rows = (await this.primary.run(READ_VERSION, [])) as { version: string }[];
      state.version = Math.max(state.version, Number(rows[0]?.version ?? 0));
      state.up = state.eligible = true;
      delete state.reason;
    } catch (error) {
      if (state.up) this.options.logger.warn({ err: error }, 'the primary database is unreachable');
      state.up = state.eligible = false;
      state.reason = String((error as Error).message);
    }
  }

  private async checkReplica(replica: (typeof this.replicas)[number]): Promise<void> {
    const state = replica.state;
    const timeout = Math.max(1000, this.options.settings.checkMs * 4);
    try {
      const [status] = (await replica.checkPool.query({ sql: 'SHOW SLAVE STATUS', timeout })) as [
        Record<string, unknown>[],
        unknown,
      ];
      const [versionRows] = (await replica.checkPool.query({ sql: READ_VERSION, timeout })) as [
        { version: string }[],
        unknown,
      ];
      const row = status[0];
      const lag = row?.Seconds_Behind_Master;
      state.lagSeconds = lag === null || lag === undefined ? null : Number(lag);
      state.version = Math.max(state.version, Number(versionRows[0]?.version ?? 0));
      const wasUp = state.up;
      state.up = true;
      let reason: string | undefined;
      if (row && row.Slave_SQL_Running !== 'Yes')
        reason = `replication stopped: ${String(row.Last_SQL_Error || 'SQL thread not running')}`;
      else if (state.lagSeconds !== null && state.lagSeconds > this.options.settings.maxLagSeconds)
        reason = `${state.lagSeconds} s behind its primary (limit ${this.options.settings.maxLagSeconds} s)`;
      // With its primary unreachable a replica has applied all it received: it serves what it has.
      const eligible = reason === undefined;
      if (eligible !== state.eligible || !wasUp)
        this.options.logger.info({ target: state.name, eligible, reason }, 'read replica state changed');
      state.eligible = eligible;
      state.reason = reason;
    } catch (error) {
      if (state.up)
        this.options.logger.warn({ err: error, target: state.name }, 'a read replica is unreachable');
      state.up = state.eligible = false;
      state.reason = String((error as Error).message);
    }
  }

  /**
   * The target for a request that must see at least `minVersion`: the next eligible replica (round robin)
   * that holds it and this process's floor, else the primary, else null (nothing can answer consistently).
   */
  choose(minVersion = 0, exclude?: Target): Pin | null {
    const needed = Math.max(minVersion, this.floor);
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const replica = this.replicas[(this.next + i) % n]!;
      if (replica === exclude || !replica.state.eligible || replica.state.version < needed) continue;
      this.next = (this.next + i + 1) % n;
      return { target: replica, version: replica.state.version };
    }
    if (this.primary === exclude || !this.primary.state.up) return null;
    // the primary holds every version a replica or a client has seen
    return { target: this.primary, version: Math.max(this.primary.state.version, needed) };
  }

  /** The request's pin, chosen on first use; null when the client's minimum version is malformed or unmet. */
  pinFor(req: IncomingMessage): Pin | null {
    const pinned = req as PinnedRequest;
    if (pinned[PIN] !== undefined) return pinned[PIN];
    const min = minVersionOf(req);
    pinned[PIN] = min === undefined ? null : this.choose(min);
    return pinned[PIN];
  }

  /** Runs one statement on the current request's target (the next eligible one outside a request). */
  async query(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    const pin = this.storage.getStore() ?? this.choose();
    if (!pin) return this.primary.run(sql, params);
    try {
      this.statements?.inc({ target: pin.target.state.name });
      return await pin.target.run(sql, params);
    } catch (error) {
      if (!isConnectionError(error) || pin.target === this.primary) throw error;
      // the replica went away: leave it until a check finds it again, and try once elsewhere, on a target
      // that holds at least the version the request was pinned with
      pin.target.state.up = pin.target.state.eligible = false;
      const other = this.choose(pin.version, pin.target);
      if (!other) throw error;
      pin.target = other.target;
      this.statements?.inc({ target: pin.target.state.name });
      return pin.target.run(sql, params);
    }
  }

  /** Express middleware: refuses a malformed `x-min-data-version`, then runs the request on its pin. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (minVersionOf(req) === undefined) {
        res.status(400).json({
          errors: [
            {
              message: `The ${MIN_VERSION_HEADER} header must be a data version (digits, as sent in ${VERSION_HEADER}), got ${JSON.stringify(String(req.headers[MIN_VERSION_HEADER]).slice(0, 40))}.`,
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
        return;
      }
      const pin = this.pinFor(req);
      if (!pin) {
        res
          .status(503)
          .set('retry-after', '1')
          .json({
            errors: [
              {
                message: `No database that can answer holds data version ${Math.max(minVersionOf(req) ?? 0, this.floor)} yet; try again shortly.`,
                extensions: { code: 'SERVICE_UNAVAILABLE' },
              },
            ],
          });
        return;
      }
      this.storage.run(pin, next);
    };
  }

  /** The response cache's data version: the one the request's target is known to hold. */
  versionSource() {
    const versionOf = (req?: IncomingMessage): string | undefined => {
      const pin = req ? this.pinFor(req) : this.choose();
      return pin ? String(pin.version) : undefined;
    };
    return {
      current: (req?: IncomingMessage) => versionOf(req),
      readWithin: async (_waitMs: number, req?: IncomingMessage) => versionOf(req),
    };
  }

  /**
   * The Apollo plugin: reads the pinned target's version once the request ran, sends it in
   * `x-data-version`, raises the floor, and keeps the answer out of the cache when the version moved.
   */
  plugin(): ApolloServerPlugin<{ responseCache?: { version?: string; body?: Buffer } }> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ response, contextValue }) => {
          const pin = this.storage.getStore();
          if (!pin) return;
          try {
            this.statements?.inc({ target: pin.target.state.name });
            const rows = (await pin.target.run(READ_VERSION, [])) as { version: string }[];
            const version = Number(rows[0]?.version ?? 0);
            this.floor = Math.max(this.floor, version);
            response.http.headers.set(VERSION_HEADER, String(version));
            const pending = contextValue.responseCache;
            if (pending && pending.version !== String(version)) pending.body = undefined;
          } catch {
            // the target went away after answering: the answer stands, but is not cached
            if (contextValue.responseCache) contextValue.responseCache.body = undefined;
          }
        },
      }),
    };
  }
}

/** The client's minimum version: 0 when absent, undefined when malformed. */
function minVersionOf(req: IncomingMessage): number | undefined {
  const raw = req.headers[MIN_VERSION_HEADER];
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
