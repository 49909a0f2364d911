/**
 * Every setting the service reads, each with its default, validated once at start-up.
 * A bad value stops the process with a message naming the variable, the value and what is accepted.
 */
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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
  introspection: boolean;
  dbPoolSize: number;
}

/** One accepted-values rule per setting: the documentation table in the README mirrors this list. */
interface Setting<T> {
  name: string;
  defaultValue: string | undefined;
  accepts: string;
  parse(raw: string): T | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const integer = (min: number, max: number) => (raw: string) => {
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
};
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string) =>
    values.includes(raw as T) ? (raw as T) : undefined;
const boolean = (raw: string) =>
  ['true', '1', 'yes', 'on'].includes(raw)
    ? true
    : ['false', '0', 'no', 'off'].includes(raw)
      ? false
      : undefined;
const nonEmpty = (raw: string) => (raw.trim() === '' ? undefined : raw);
const databaseUrl = (raw: string) => {
  try {
    const url = new URL(raw);
    return ['mysql:', 'mariadb:'].includes(url.protocol) && url.hostname && url.pathname.length > 1
      ? raw
      : undefined;
  } catch {
    return undefined;
  }
};

const BOOLEAN_ACCEPTS = 'true or false (also 1/0, yes/no, on/off)';

function read<T>(env: NodeJS.ProcessEnv, setting: Setting<T>, problems: string[]): T | undefined {
  const raw = env[setting.name] ?? setting.defaultValue;
  if (raw === undefined || raw === '') return undefined;
  const value = setting.parse(raw);
  if (value === undefined) {
    problems.push(`${setting.name}=${JSON.stringify(raw)} is not accepted: expected ${setting.accepts}`);
  }
  return value;
}

/** Reads and validates the configuration; throws ConfigError listing every bad value at once. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  projectRoot = path.resolve(__dirname, '..'),
): Config {
  const problems: string[] = [];
  const nodeEnv =
    read(
      env,
      {
        name: 'NODE_ENV',
        defaultValue: 'development',
        accepts: 'development, production or test',
        parse: oneOf<NodeEnv>('development', 'production', 'test'),
      },
      problems,
    ) ?? 'development';
  const production = nodeEnv === 'production';
  const config: Config = {
    databaseUrl: read(
      env,
      {
        name: 'DATABASE_URL',
        defaultValue: undefined,
        accepts: 'a URL such as mysql://user:password@127.0.0.1:3306/eurasia_graph',
        parse: databaseUrl,
      },
      problems,
    ),
    host:
      read(
        env,
        {
          name: 'HOST',
          defaultValue: '127.0.0.1',
          accepts: 'a host name or IP address to listen on',
          parse: nonEmpty,
        },
        problems,
      ) ?? '127.0.0.1',
    port:
      read(
        env,
        {
          name: 'PORT',
          defaultValue: '4000',
          accepts: 'an integer from 0 to 65535',
          parse: integer(0, 65535),
        },
        problems,
      ) ?? 4000,
    nodeEnv,
    logLevel:
      read(
        env,
        {
          name: 'LOG_LEVEL',
          defaultValue: 'info',
          accepts: 'fatal, error, warn, info, debug, trace or silent',
          parse: oneOf<LogLevel>('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
        },
        problems,
      ) ?? 'info',
    dataDir: path.resolve(
      projectRoot,
      read(
        env,
        { name: 'DATA_DIR', defaultValue: '.data/mariadb', accepts: 'a folder path', parse: nonEmpty },
        problems,
      ) ?? '.data/mariadb',
    ),
    sourcesDir: ((dir) => (dir ? path.resolve(projectRoot, dir) : undefined))(
      read(
        env,
        { name: 'SOURCES_DIR', defaultValue: undefined, accepts: 'a folder path', parse: nonEmpty },
        problems,
      ),
    ),
    seedOnStart:
      read(
        env,
        { name: 'SEED_ON_START', defaultValue: 'true', accepts: BOOLEAN_ACCEPTS, parse: boolean },
        problems,
      ) ?? true,
    queryStats:
      read(
        env,
        {
          name: 'QUERY_STATS',
          defaultValue: production ? 'false' : 'true',
          accepts: BOOLEAN_ACCEPTS,
          parse: boolean,
        },
        problems,
      ) ?? !production,
    introspection:
      read(
        env,
        {
          name: 'INTROSPECTION',
          defaultValue: production ? 'false' : 'true',
          accepts: BOOLEAN_ACCEPTS,
          parse: boolean,
        },
        problems,
      ) ?? !production,
    dbPoolSize:
      read(
        env,
        {
          name: 'DB_POOL_SIZE',
          defaultValue: '10',
          accepts: 'an integer from 1 to 200',
          parse: integer(1, 200),
        },
        problems,
      ) ?? 10,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
