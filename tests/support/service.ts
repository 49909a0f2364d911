/** Runs the service in-process against the test database and talks to it over HTTP, as a client would. */
import { loadConfig, type Config } from '../../src/config';
import type { RunningService } from '../../src/service';
import { testState } from './environment';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  body: {
    data?: Data;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
    extensions?: Record<string, unknown>;
  };
}

export interface TestService {
  url: string;
  origin: string;
  service: RunningService;
  gql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const defaults = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    SEED_ON_START: 'false',
    QUERY_STATS: 'true',
    INTROSPECTION: 'true',
    DB_POOL_SIZE: '4',
    // tests count statements per request; the response cache's own tests turn it on
    RESPONSE_CACHE: 'false',
  });
  return { ...defaults, databaseUrl: testState().databaseUrl, ...overrides };
}

/** Set by the global setup: the URL of the one service that test files with no settings of their own share. */
export const SHARED_SERVICE_VARIABLE = 'EURASIA_GRAPH_TEST_SERVICE';

/** Admission for the shared service: test files run side by side on it, and none of them tests shedding. */
export const SHARED_ADMISSION = { maxConcurrent: 64, queueLimit: 10_000, maxWaitMs: 60_000, shedHoldMs: 0 };

/** POSTs a GraphQL request as JSON and reads the answer. */
function gqlAt(url: string): TestService['gql'] {
  return async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResponse['body'] } as never;
  };
}

export async function startTestService(overrides: Partial<Config> = {}): Promise<TestService> {
  const config = testConfig(overrides);
  // loaded here, not at the top: a file on the shared service never loads the service's modules
  const [{ startService }, { createLogger }] = await Promise.all([
    import('../../src/service'),
    import('../../src/logger'),
  ]);
  const service = await startService(config, createLogger(config.logLevel));
  const origin = service.url.replace(/\/graphql$/, '');
  return {
    url: service.url,
    origin,
    service,
    gql: gqlAt(service.url),
    stop: () => service.stop(),
  };
}

/** The shared service, as a file sees it: it is neither the file's to inspect nor to stop. */
function sharedTestService(url: string): TestService {
  return {
    url,
    origin: url.replace(/\/graphql$/, ''),
    get service(): RunningService {
      throw new Error(
        'the shared test service runs in the test runner: give useTestService settings to get one of your own',
      );
    },
    gql: gqlAt(url),
    stop: async () => undefined,
  };
}

/**
 * Starts the service before the calling file's tests (`beforeAll`) and stops it after them (`afterAll`);
 * without settings, the run's shared service instead (see SHARED_SERVICE_VARIABLE).
 * The handle it returns is usable inside tests and hooks, once `beforeAll` has run.
 */
export function useTestService(overrides: Partial<Config> = {}): TestService {
  let running: TestService | undefined;
  // Files that need no settings of their own share the service the global setup started: that saves
  // each of them building the schema and starting a server.
  const shared = Object.keys(overrides).length === 0 ? process.env[SHARED_SERVICE_VARIABLE] : undefined;
  beforeAll(async () => {
    running = shared ? sharedTestService(shared) : await startTestService(overrides);
  });
  afterAll(() => running?.stop());
  const current = (): TestService => {
    if (!running) throw new Error('the test service is not running: use it inside a test or a hook');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get origin() {
      return current().origin;
    },
    get service() {
      return current().service;
    },
    gql: (query, variables) => current().gql(query, variables),
    stop: () => current().stop(),
  };
}
