/**
 * Every setting the service reads, each with its default, validated once at start-up. A bad value stops
 * the process with a message naming the variable, the value and what is accepted. The README's
 * configuration table and .env.example list the same settings.
 */
import os from 'node:os';
import path from 'node:path';

/** Half this machine's CPU cores, at least one. */
export const halfTheCores = () => Math.max(1, Math.floor(os.availableParallelism() / 2));

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
  /** The cost from which an operation is heavy: heavy ones run at most `maxHeavy` at once (src/http/heavy-lane.ts). */
  heavyCost: number;
  /** Heavy operations running at once; default half the CPU cores (at least one). */
  maxHeavy: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Object keys in a request's variables, counted across all of them; more is refused before any work. */
  maxVariableKeys: number;
  /** List items in a request's variables, counted across all lists. */
  maxVariableListItems: number;
  /** Deepest nesting of objects and lists in a variable. */
  maxVariableDepth: number;
  /** Federation `_entities` representations per request. */
  maxRepresentations: number;
}

/** The response cache and the HTTP cache headers (src/cache). */
export interface CacheSettings {
  /** Keep answers to public queries and serve them again until an ingest changes the data. */
  enabled: boolean;
  /** redis://host:port: share the cache between replicas; unset: this process only. */
  redisUrl: string | undefined;
  /** `Cache-Control: public, max-age` of public answers, in seconds (0: none are cacheable over HTTP). */
  maxAgeSeconds: number;
  /** Entries kept in this process. */
  maxEntries: number;
  /** Bytes kept in this process. */
  maxBytes: number;
  /** How long an entry stays in the response cache (in Redis, and at most in memory), in seconds. */
  ttlSeconds: number;
  /** The data version is read again when the last read is older: the bound on serving a pre-ingest answer. */
  versionCheckMs: number;
  /** Publish federation `@cacheTag`s in the subgraph schema (for Apollo Router; @apollo/gateway refuses them). */
  federationCacheTags: boolean;
}

/** Read replicas (src/db/read-router.ts): queries go to them; DATABASE_URL (the primary) takes writes. */
export interface ReplicaSettings {
  /** The replicas' URLs; empty: every statement goes to the primary. */
  urls: string[];
  /** A replica further behind its primary (Seconds_Behind_Master) takes no reads until it catches up. */
  maxLagSeconds: number;
  /** How often each replica's health, lag and data version are read, in milliseconds. */
  checkMs: number;
}

export interface Config {
  /** mysql://user:password@host:port/database; unset means: start a private database server. */
  databaseUrl: string | undefined;
  replicas: ReplicaSettings;
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
  /**
   * How long a search's full-text sources (summaries, titles, quotes) may take; past it the search answers
   * from names alone and says its count is a lower bound.
   */
  searchTextBudgetMs: number;
  /**
   * A word that one full-text source (quotes, or one kind of entity's prose) holds more often than this is
   * left out of that source's match, as a stop word is: a full-text index reads every row holding a word
   * before it ranks any, about a microsecond each.
   */
  searchCommonWordLimit: number;
  /** A request that has not finished by then gets no more database work. */
  requestTimeoutMs: number;
  /** How long a stopping service waits for requests in flight. */
  shutdownGraceMs: number;
  /** How long a client may take to send a whole request, headers and body; then the connection is closed. */
  requestReceiveTimeoutMs: number;
  /** When set, `_service` and `_entities` answer only requests that carry it in the x-federation-secret header. */
  federationSecret: string | undefined;
  limits: Limits;
  admission: Admission;
  cache: CacheSettings;
  /** Origins whose browser pages may call the API (CORS): a list, `*` for any, empty for none. */
  corsOrigins: CorsOrigins;
  /** Entities (or documents) read per statement by the linked-data export (src/export/). */
  exportBatchSize: number;
}

/** How many GraphQL requests run at once and how many may wait for a turn (src/http/admission.ts). */
export interface Admission {
  /** GraphQL requests in progress at once; default twice the pool size. */
  maxConcurrent: number;
  /** Requests that may wait for a turn; default four times the pool size. Beyond that: 503 at once. */
  queueLimit: number;
  /** The longest a request waits for a turn before it is answered 503. */
  maxWaitMs: number;
  /**
   * After a request is shed, the next request on the same connection waits this long before it is even
   * considered (0: not at all). A client that ignores Retry-After then costs nothing meanwhile.
   */
  shedHoldMs: number;
}

/** `*`: any origin (the data is public and read-only; no credentials are ever allowed); else exact origins. */
export type CorsOrigins = '*' | string[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Parse<T> = (raw: string) => T | undefined;

export const integer =
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
export const boolean: Parse<boolean> = (raw) =>
  truthy.includes(raw) ? true : falsy.includes(raw) ? false : undefined;
const redisUrl: Parse<string> = (raw) => {
  try {
    return ['redis:', 'rediss:'].includes(new URL(raw).protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
};
export const nonEmpty: Parse<string> = (raw) => (raw.trim() === '' ? undefined : raw);
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

/** A comma-separated list of database URLs. */
const databaseUrls: Parse<string[]> = (raw) => {
  const urls = raw
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  return urls.every((u) => databaseUrl(u) !== undefined) ? urls : undefined;
};

/** Sent in an HTTP header: visible ASCII only, long enough not to be guessed. */
const secret: Parse<string> = (raw) => (/^[\x21-\x7e]{16,256}$/.test(raw) ? raw : undefined);
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

export const BOOLEAN = 'true or false (also 1/0, yes/no, on/off)';
export const range = (min: number, max: number) => `an integer from ${min} to ${max}`;

/** Reads one variable: its value, else its default; a value that does not parse is a problem. */
export function reader(env: NodeJS.ProcessEnv, problems: string[]) {
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
  const dbPoolSize = read('DB_POOL_SIZE', '10', range(1, 200), integer(1, 200)) ?? 10;
  const config: Config = {
    databaseUrl: read(
      'DATABASE_URL',
      undefined,
      'a URL such as mysql://user:password@127.0.0.1:3306/eurasia_graph',
      databaseUrl,
    ),
    replicas: {
      urls:
        read(
          'READ_REPLICA_URLS',
          undefined,
          'a comma-separated list of URLs such as mysql://user:password@127.0.0.1:3307/eurasia_graph',
          databaseUrls,
        ) ?? [],
      maxLagSeconds: read('REPLICA_MAX_LAG_SECONDS', '5', range(0, 3600), integer(0, 3600)) ?? 5,
      checkMs: read('REPLICA_CHECK_MS', '250', range(20, 60000), integer(20, 60000)) ?? 250,
    },
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
    dbPoolSize,
    dbQueueLimit: read('DB_QUEUE_LIMIT', '50', range(0, 10000), integer(0, 10000)) ?? 50,
    statementTimeoutMs:
      read('DB_STATEMENT_TIMEOUT_MS', '5000', range(10, 600000), integer(10, 600000)) ?? 5000,
    searchTextBudgetMs: read('SEARCH_TEXT_BUDGET_MS', '1000', range(1, 600000), integer(1, 600000)) ?? 1000,
    searchCommonWordLimit:
      read('SEARCH_COMMON_WORD_LIMIT', '10000', range(1, 1000000000), integer(1, 1000000000)) ?? 10000,
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS', '10000', range(10, 600000), integer(10, 600000)) ?? 10000,
    shutdownGraceMs: read('SHUTDOWN_GRACE_MS', '10000', range(0, 600000), integer(0, 600000)) ?? 10000,
    requestReceiveTimeoutMs:
      read('REQUEST_RECEIVE_TIMEOUT_MS', '10000', range(100, 300000), integer(100, 300000)) ?? 10000,
    federationSecret: read(
      'FEDERATION_SECRET',
      undefined,
      '16 to 256 visible ASCII characters (no spaces)',
      secret,
    ),
    limits: {
      maxDepth: read('MAX_QUERY_DEPTH', '15', range(1, 100), integer(1, 100)) ?? 15,
      maxAliases: read('MAX_ALIASES', '15', range(0, 1000), integer(0, 1000)) ?? 15,
      maxDirectives: read('MAX_DIRECTIVES', '50', range(0, 1000), integer(0, 1000)) ?? 50,
      maxTokens: read('MAX_TOKENS', '2000', range(10, 100000), integer(10, 100000)) ?? 2000,
      maxFields: read('MAX_FIELDS', '500', range(1, 100000), integer(1, 100000)) ?? 500,
      maxCost: read('MAX_COST', '250000', range(1, 100000000), integer(1, 100000000)) ?? 250000,
      // the deep reference query (three nested pages of 20) costs about 35,000; a page of claims with their
      // sources a few hundred
      heavyCost: read('HEAVY_OPERATION_COST', '10000', range(1, 100000000), integer(1, 100000000)) ?? 10000,
      // half the cores: the database server and the cheap requests keep the other half
      maxHeavy:
        read('MAX_HEAVY_OPERATIONS', String(halfTheCores()), range(1, 10000), integer(1, 10000)) ??
        halfTheCores(),
      maxBodyBytes: (read('MAX_BODY_KB', '100', range(1, 10240), integer(1, 10240)) ?? 100) * 1000,
      maxVariableKeys: read('MAX_VARIABLE_KEYS', '1000', range(1, 100000), integer(1, 100000)) ?? 1000,
      maxVariableListItems:
        read('MAX_VARIABLE_LIST_ITEMS', '1000', range(1, 100000), integer(1, 100000)) ?? 1000,
      maxVariableDepth: read('MAX_VARIABLE_DEPTH', '10', range(1, 100), integer(1, 100)) ?? 10,
      maxRepresentations: read('MAX_REPRESENTATIONS', '100', range(1, 10000), integer(1, 10000)) ?? 100,
    },
    // A request holds about one pooled connection at a time, with work before and after it: twice the pool
    // keeps every connection busy without requests queueing for one inside the pool, and a queue of four
    // times the pool drains within a few request times, well inside the longest wait.
    admission: {
      maxConcurrent:
        read('MAX_CONCURRENT_REQUESTS', String(2 * dbPoolSize), range(1, 10000), integer(1, 10000)) ??
        2 * dbPoolSize,
      queueLimit:
        read('REQUEST_QUEUE_LIMIT', String(4 * dbPoolSize), range(0, 100000), integer(0, 100000)) ??
        4 * dbPoolSize,
      maxWaitMs: read('REQUEST_QUEUE_WAIT_MS', '1000', range(1, 60000), integer(1, 60000)) ?? 1000,
      shedHoldMs: read('SHED_HOLD_MS', '1000', range(0, 60000), integer(0, 60000)) ?? 1000,
    },
    cache: {
      enabled: read('RESPONSE_CACHE', 'true', BOOLEAN, boolean) ?? true,
      redisUrl: read('REDIS_URL', undefined, 'a URL such as redis://127.0.0.1:6379', redisUrl),
      maxAgeSeconds: read('CACHE_MAX_AGE', '60', range(0, 31536000), integer(0, 31536000)) ?? 60,
      maxEntries: read('CACHE_MAX_ENTRIES', '10000', range(1, 10000000), integer(1, 10000000)) ?? 10000,
      maxBytes: (read('CACHE_MAX_MB', '64', range(1, 65536), integer(1, 65536)) ?? 64) * 1024 * 1024,
      ttlSeconds: read('CACHE_TTL_SECONDS', '3600', range(1, 31536000), integer(1, 31536000)) ?? 3600,
      versionCheckMs: read('DATA_VERSION_CHECK_MS', '100', range(0, 60000), integer(0, 60000)) ?? 100,
      federationCacheTags: read('FEDERATION_CACHE_TAGS', 'false', BOOLEAN, boolean) ?? false,
    },
    corsOrigins:
      read(
        'CORS_ORIGINS',
        undefined,
        '* or a comma-separated list of origins such as https://app.example.org,http://localhost:5173 (scheme, host and port; no path)',
        corsOrigins,
      ) ?? [],
    exportBatchSize: read('EXPORT_BATCH_SIZE', '100', range(1, 5000), integer(1, 5000)) ?? 100,
  };
  if (config.replicas.urls.length > 0 && !config.databaseUrl)
    problems.push(
      "READ_REPLICA_URLS is set but DATABASE_URL is not: set DATABASE_URL to the replicas' primary",
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
