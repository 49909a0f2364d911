/** The response cache the configuration asks for: in this process, in front of Redis when REDIS_URL is set. */
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { DataVersionReader } from './data-version';
import { ResponseCache, type CacheEvent, type VersionSource } from './response-cache';
import { MemoryStore, RedisBackedStore, type ResponseStore } from './response-store';

/**
 * The largest POST body the front listener reads to look for a hit. It reads before admission, so this
 * bounds what waiting bodies hold; a typical operation with its variables is well under it.
 */
const FRONT_BODY_BYTES = 16 * 1024;

export function createResponseCache(
  config: Config,
  dataSource: DataSource,
  logger: Logger,
  options: {
    path: string;
    requestIdPattern: RegExp;
    onEvent?: (event: CacheEvent) => void;
    /** With read replicas: the version of the replica each request reads from (src/db/read-router.ts). */
    version?: VersionSource;
  },
): ResponseCache | undefined {
  const settings = config.cache;
  if (!settings.enabled) return undefined;
  const memory = new MemoryStore(settings);
  let redisDown = false;
  const store: ResponseStore = settings.redisUrl
    ? new RedisBackedStore(settings.redisUrl, memory, settings.ttlSeconds, (error) => {
        // one line when Redis goes away, not one per request
        if (!redisDown)
          logger.warn({ err: error }, 'Redis is unavailable: answering without the shared cache');
        redisDown = true;
      })
    : memory;
  if (store instanceof RedisBackedStore) store.redis.on('ready', () => (redisDown = false));
  const reader = new DataVersionReader(dataSource, settings.versionCheckMs);
  const { version, ...rest } = options;
  return new ResponseCache({
    store,
    version: version ?? {
      current: () => reader.current(),
      readWithin: (waitMs) => reader.readWithin(waitMs),
    },
    logger,
    queryStats: config.queryStats,
    maxFrontBodyBytes: Math.min(config.limits.maxBodyBytes, FRONT_BODY_BYTES),
    ...rest,
  });
}
