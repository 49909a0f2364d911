/** Runs the service in-process against the test database and talks to it over HTTP, as a client would. */
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startService, type RunningService } from '../../src/service';
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

export async function startTestService(overrides: Partial<Config> = {}): Promise<TestService> {
  const config = testConfig(overrides);
  const service = await startService(config, createLogger(config.logLevel));
  const origin = service.url.replace(/\/graphql$/, '');
  return {
    url: service.url,
    origin,
    service,
    async gql(query, variables) {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLResponse['body'] } as never;
    },
    stop: () => service.stop(),
  };
}

/**
 * Starts the service before the calling file's tests (`beforeAll`) and stops it after them (`afterAll`).
 * The handle it returns is usable inside tests and hooks, once `beforeAll` has run.
 */
export function useTestService(overrides: Partial<Config> = {}): TestService {
  let running: TestService | undefined;
  beforeAll(async () => {
    running = await startTestService(overrides);
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
