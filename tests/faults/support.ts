/** Helpers shared by the fault-injection tests: bounded HTTP calls, leak checks, admin connections. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Config } from '../../src/config';
import { seededDatabase } from '../support/database';
import { ROOT } from '../support/environment';
import { startTestService, type TestService } from '../support/service';

export interface Outcome {
  status: number;
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
    extensions?: Record<string, unknown>;
  };
  text: string;
  ms: number;
}

/** POSTs a GraphQL query; fails (instead of hanging) after `timeoutMs`. */
export async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<Outcome> {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: Outcome['body'] = {};
  try {
    body = JSON.parse(text) as Outcome['body'];
  } catch {
    // kept as text
  }
  return { status: res.status, body, text, ms: Date.now() - started };
}

/** GETs a path; fails after `timeoutMs`. */
export async function getStatus(url: string, timeoutMs = 5_000): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await res.arrayBuffer();
  return res.status;
}

/**
 * What a client must never see about the database: driver codes, host, port, stack frames, SQL.
 * Request ids and timing statistics are left out first, since a random id may contain any digits.
 */
export function leakedDetails(outcome: Outcome, databasePort: number): string[] {
  const scrubbed = JSON.stringify({
    data: outcome.body.data,
    errors: outcome.body.errors?.map((e) => {
      const { requestId: _requestId, ...extensions } = e.extensions ?? {};
      return { ...e, extensions };
    }),
  });
  const patterns: [string, RegExp][] = [
    ['ECONNREFUSED', /ECONNREFUSED/],
    ['ECONNRESET', /ECONNRESET/],
    ['loopback address', /127\.0\.0\.1|localhost|::1/],
    ['database port', new RegExp(`\\b${databasePort}\\b`)],
    ['stack trace', /stacktrace|\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+/i],
    ['SQL', /\bSELECT\b|max_statement_time|\bFROM\b/],
    ['driver error', /ER_[A-Z_]+|PROTOCOL_|errno|sqlState/],
  ];
  return patterns.filter(([, re]) => re.test(scrubbed)).map(([name]) => name);
}

/** A plain connection to a database server, outside the service's pool. */
export async function adminConnection(url: string): Promise<mysql.Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username) || 'root',
    database: u.pathname.slice(1) || undefined,
    connectTimeout: 5_000,
  });
}

/** What `useSeededService` gives the tests of a file. */
export interface SeededService {
  readonly db: Awaited<ReturnType<typeof seededDatabase>>;
  readonly api: TestService;
  /** Outside the service's pool: locks tables to hold the service's statements where a test wants them. */
  readonly admin: mysql.Connection;
}

/**
 * For the tests of one file: a seeded database of its own, a service on it with `settings`, and an admin
 * connection; made before the tests, and afterwards unlocked, closed, stopped and dropped, even when a test
 * failed holding a lock.
 */
export function useSeededService(database: string, settings: Partial<Config> = {}): SeededService {
  let db: SeededService['db'] | undefined;
  let api: TestService | undefined;
  let admin: mysql.Connection | undefined;
  beforeAll(async () => {
    db = await seededDatabase(database);
    api = await startTestService({ databaseUrl: db.url, ...settings });
    admin = await adminConnection(db.url);
  });
  afterAll(async () => {
    await admin?.query('UNLOCK TABLES').catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await api?.stop();
    await db?.drop();
  });
  return {
    get db() {
      return db!;
    },
    get api() {
      return api!;
    },
    get admin() {
      return admin!;
    },
  };
}

/** The service's statements waiting for a table lock in `database`, as the admin connection sees them. */
export async function waitingForLock(admin: mysql.Connection, database: string): Promise<number> {
  const [rows] = await admin.query(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
      WHERE ID <> CONNECTION_ID() AND DB = ? AND COMMAND = 'Query' AND STATE LIKE '%lock%'`,
    [database],
  );
  return Number((rows as { n: number }[])[0]!.n);
}

/** Thrown by a poll's check: stop polling at once. */
export class GiveUp extends Error {}

/** Polls `check` until it returns a truthy value; throws after `timeoutMs` (or at once on GiveUp). */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port; resolves with the error code otherwise. */
export function tryConnect(port: number, timeoutMs = 2_000): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? String(error));
    });
  });
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Rejects when `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]);
}

/** A query that reaches many tables in several rounds of statements (a slow-ish, realistic request). */
export const DEEP_QUERY = `{
  countries(first: 100) {
    totalCount
    nodes {
      name iso2
      claims { field value sources { quote document { title } } }
      memberships(first: 20) { nodes { status organization { name acronym } } }
      agreements(first: 20) { nodes { agreement { name signed { text } } } }
    }
  }
}`;

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  url: string;
  origin: string;
  logs: Record<string, unknown>[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `node dist/main.js` as a user would, with `env` on top of this process's environment (less
 * DATABASE_URL unless given), and waits until it is ready (its log line, or /healthz answering).
 */
export async function spawnService(env: NodeJS.ProcessEnv, readyWithinMs = 90_000): Promise<ServiceProcess> {
  const port = Number(env.PORT);
  const full: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', ...env };
  if (!('DATABASE_URL' in env)) delete full.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  try {
    await pollUntil(
      'the service to log that it is ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
        if (logs.some((l) => String(l.msg).startsWith('eurasia-graph is ready'))) return true;
        // quieter log levels do not print that line: the health route answers once it listens
        return (await getStatus(`http://127.0.0.1:${port}/healthz`, 1_000)) === 200;
      },
      readyWithinMs,
      100,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  return { child, port, url: `${origin}/graphql`, origin, logs, stderr: () => stderr, exited };
}

/** Ends a spawned process that is still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function ensureStopped(p: ServiceProcess | undefined, graceMs = 15_000): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}
