/**
 * Every setting the service reads, each with its default, validated once at start-up. A bad value stops
 * the process with a message naming the variable, the value and what is accepted. The README's
 * configuration table and .env.example list the same settings.
 */
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Limits {
  /** Deepest selection nesting accepted (connections' `nodes`/`edges` levels count). */
  maxDepth: number;
  /** Aliases per operation, `__typename` aliases included. */
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens per document; more is a parse failure (400). */
  maxTokens: number;
  /** Selected fields per operation, fragments expanded. */
  maxFields: number;
  /** The highest accepted query cost: a connection costs its page size times what it selects. */
  maxCost: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
}

export interface Config {
  /** mysql://user:password@host:port/database; unset means: start a private database server. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** Where the private database server keeps its files. */
  dataDir: string;
  /** A folder with the source documents' texts; when set, the seed load stores them and verifies every quote. */
  sourcesDir: string | undefined;
  /** Load the curated seed at start-up (idempotent). */
  seedOnStart: boolean;
  /** Report SQL statement counts and durations in each response's extensions. */
  queryStats: boolean;
  /** Schema introspection, and field suggestions in error messages. */
  introspection: boolean;
  dbPoolSize: number;
  /** Callers that may wait for a pooled connection; beyond that a request fails at once. */
  dbQueueLimit: number;
  /** The database server stops any statement that runs longer. */
  statementTimeoutMs: number;
  /** A request that has not finished by then gets no more database work. */
  requestTimeoutMs: number;
  /** How long a stopping service waits for requests in flight. */
  shutdownGraceMs: number;
  limits: Limits;
  /** Origins whose browser pages may call the API (CORS): a list, `*` for any, empty for none. */
  corsOrigins: CorsOrigins;
}

/** `*`: any origin (the data is public and read-only; no credentials are ever allowed); else exact origins. */
export type CorsOrigins = '*' | string[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Parse<T> = (raw: string) => T | undefined;

const integer =
  (min: number, max: number): Parse<number> =>
  (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  };
const oneOf =
  <T extends string>(...values: T[]): Parse<T> =>
  (raw) =>
    values.includes(raw as T) ? (raw as T) : undefined;
const truthy = ['true', '1', 'yes', 'on'];
const falsy = ['false', '0', 'no', 'off'];
const boolean: Parse<boolean> = (raw) =>
  truthy.includes(raw) ? true : falsy.includes(raw) ? false : undefined;
const nonEmpty: Parse<string> = (raw) => (raw.trim() === '' ? undefined : raw);
const databaseUrl: Parse<string> = (raw) => {
  try {
    const url = new URL(raw);
    return ['mysql:', 'mariadb:'].includes(url.protocol) && url.hostname && url.pathname.length > 1
      ? raw
      : undefined;
  } catch {
    return undefined;
  }
};

/** `*`, or a comma-separated list of origins (`https://app.example.org`, `http://localhost:5173`). */
const corsOrigins: Parse<CorsOrigins> = (raw) => {
  if (raw.trim() === '*') return '*';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    try {
      const url = new URL(origin);
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, ''))
        return undefined;
    } catch {
      return undefined;
    }
  }
  return origins.map((o) => o.replace(/\/$/, ''));
};

const BOOLEAN = 'true or false (also 1/0, yes/no, on/off)';
const range = (min: number, max: number) => `an integer from ${min} to ${max}`;

/** Reads one variable: its value, else its default; a value that does not parse is a problem. */
function reader(env: NodeJS.ProcessEnv, problems: string[]) {
  return <T>(
    name: string,
    defaultValue: string | undefined,
    accepts: string,
    parse: Parse<T>,
  ): T | undefined => {
    const raw = env[name] ?? defaultValue;
    if (raw === undefined || raw === '') return undefined;
    const value = parse(raw);
    if (value === undefined)
      problems.push(`${name}=${JSON.stringify(raw)} is not accepted: expected ${accepts}`);
    return value;
  };
}

/** Reads and validates the configuration; throws ConfigError listing every bad value at once. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  projectRoot = path.resolve(__dirname, '..'),
): Config {
  const problems: string[] = [];
  const read = reader(env, problems);
  const nodeEnv =
    read(
      'NODE_ENV',
      'development',
      'development, production or test',
      oneOf<NodeEnv>('development', 'production', 'test'),
    ) ?? 'development';
  const outsideProduction = nodeEnv === 'production' ? 'false' : 'true';
  const folder = (dir: string | undefined) => (dir ? path.resolve(projectRoot, dir) : undefined);
  const config: Config = {
    databaseUrl: read(
      'DATABASE_URL',
      undefined,
      'a URL such as mysql://user:password@127.0.0.1:3306/eurasia_graph',
      databaseUrl,
    ),
    host: read('HOST', '127.0.0.1', 'a host name or IP address to listen on', nonEmpty) ?? '127.0.0.1',
    port: read('PORT', '4000', range(0, 65535), integer(0, 65535)) ?? 4000,
    nodeEnv,
    logLevel:
      read(
        'LOG_LEVEL',
        'info',
        'fatal, error, warn, info, debug, trace or silent',
        oneOf<LogLevel>('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
      ) ?? 'info',
    dataDir: folder(read('DATA_DIR', '.data/mariadb', 'a folder path', nonEmpty) ?? '.data/mariadb')!,
    sourcesDir: folder(read('SOURCES_DIR', undefined, 'a folder path', nonEmpty)),
    seedOnStart: read('SEED_ON_START', 'true', BOOLEAN, boolean) ?? true,
    queryStats: read('QUERY_STATS', outsideProduction, BOOLEAN, boolean) ?? nodeEnv !== 'production',
    introspection: read('INTROSPECTION', outsideProduction, BOOLEAN, boolean) ?? nodeEnv !== 'production',
    dbPoolSize: read('DB_POOL_SIZE', '10', range(1, 200), integer(1, 200)) ?? 10,
    dbQueueLimit: read('DB_QUEUE_LIMIT', '50', range(0, 10000), integer(0, 10000)) ?? 50,
    statementTimeoutMs:
      read('DB_STATEMENT_TIMEOUT_MS', '5000', range(10, 600000), integer(10, 600000)) ?? 5000,
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS', '10000', range(10, 600000), integer(10, 600000)) ?? 10000,
    shutdownGraceMs: read('SHUTDOWN_GRACE_MS', '10000', range(0, 600000), integer(0, 600000)) ?? 10000,
    limits: {
      maxDepth: read('MAX_QUERY_DEPTH', '15', range(1, 100), integer(1, 100)) ?? 15,
      maxAliases: read('MAX_ALIASES', '15', range(0, 1000), integer(0, 1000)) ?? 15,
      maxDirectives: read('MAX_DIRECTIVES', '50', range(0, 1000), integer(0, 1000)) ?? 50,
      maxTokens: read('MAX_TOKENS', '2000', range(10, 100000), integer(10, 100000)) ?? 2000,
      maxFields: read('MAX_FIELDS', '500', range(1, 100000), integer(1, 100000)) ?? 500,
      maxCost: read('MAX_COST', '250000', range(1, 100000000), integer(1, 100000000)) ?? 250000,
      maxBodyBytes: (read('MAX_BODY_KB', '100', range(1, 10240), integer(1, 10240)) ?? 100) * 1000,
    },
    corsOrigins:
      read(
        'CORS_ORIGINS',
        undefined,
        '* or a comma-separated list of origins such as https://app.example.org,http://localhost:5173 (scheme, host and port; no path)',
        corsOrigins,
      ) ?? [],
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
