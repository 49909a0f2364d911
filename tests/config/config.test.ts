import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../src/config';
import { ROOT } from '../support/environment';

describe('Configuration', () => {
  it('has a documented default for every setting', () => {
    const config = loadConfig({}, ROOT);
    expect(config).toMatchObject({
      databaseUrl: undefined,
      host: '127.0.0.1',
      port: 4000,
      nodeEnv: 'development',
      logLevel: 'info',
      queryStats: true,
      introspection: true,
      seedOnStart: true,
    });
    expect(config.dataDir).toBe(path.join(ROOT, '.data', 'mariadb'));
  });

  it('turns query stats and introspection off in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, ROOT)).toMatchObject({
      queryStats: false,
      introspection: false,
    });
  });

  it('derives admission from the pool size unless set', () => {
    expect(loadConfig({ DB_POOL_SIZE: '4' }, ROOT).admission).toEqual({
      maxConcurrent: 8,
      queueLimit: 16,
      maxWaitMs: 1000,
      shedHoldMs: 1000,
    });
    expect(
      loadConfig(
        {
          DB_POOL_SIZE: '4',
          MAX_CONCURRENT_REQUESTS: '3',
          REQUEST_QUEUE_LIMIT: '0',
          REQUEST_QUEUE_WAIT_MS: '250',
          SHED_HOLD_MS: '0',
        },
        ROOT,
      ).admission,
    ).toEqual({ maxConcurrent: 3, queueLimit: 0, maxWaitMs: 250, shedHoldMs: 0 });
    expect(() => loadConfig({ MAX_CONCURRENT_REQUESTS: '0' }, ROOT)).toThrow(
      'MAX_CONCURRENT_REQUESTS="0" is not accepted: expected an integer from 1 to 10000',
    );
  });

  it('lists every bad value with the variable, the value and what is accepted', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'postgres://x/y' }, ROOT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL="postgres://x/y" is not accepted: expected a URL such as mysql://user:password@127.0.0.1:3306/eurasia_graph',
      'PORT="eighty" is not accepted: expected an integer from 0 to 65535',
      'LOG_LEVEL="loud" is not accepted: expected fatal, error, warn, info, debug, trace or silent',
    ]);
  });

  it('reads CORS_ORIGINS as none by default, `*`, or a list of exact origins', () => {
    expect(loadConfig({}, ROOT).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '*' }, ROOT).corsOrigins).toBe('*');
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.org, http://localhost:5173/' }, ROOT).corsOrigins,
    ).toEqual(['https://app.example.org', 'http://localhost:5173']);
    for (const bad of ['app.example.org', 'https://app.example.org/path', 'ftp://files.example.org']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }, ROOT)).toThrow(
        `CORS_ORIGINS=${JSON.stringify(bad)} is not accepted: expected * or a comma-separated list of origins`,
      );
    }
  });

  it('stops the start command with that message and a non-zero exit', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
      env: { ...process.env, PORT: '99999' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT="99999" is not accepted: expected an integer from 0 to 65535');
  });
});
