/**
 * Where cached answers are kept: in this process (an LRU bounded in entries and bytes), and in Redis when
 * REDIS_URL is set, so that replicas share what any of them computed. Keys carry the data version, so an
 * entry from before an ingest is never asked for again; the LRU and Redis' own expiry drop it later.
 */
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/** One cached answer: what the first request was sent, less what belongs to that request alone. */
export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export interface ResponseStore {
  /** The entry, synchronously when it is in this process; a promise when another store must be asked. */
  get(key: string): CachedResponse | undefined | Promise<CachedResponse | undefined>;
  /** The entry if this process holds it; never waits. */
  local(key: string): CachedResponse | undefined;
  set(key: string, value: CachedResponse): void;
  /** Entries and bytes held in this process. */
  size(): { entries: number; bytes: number };
  /** Resolves once a shared store is reachable, or after `waitMs` (it is then used when it comes). */
  connected?(waitMs: number): Promise<void>;
  close(): Promise<void>;
}

/** What an entry costs in memory: its body, its headers and a fixed overhead for the objects around them. */
function entryBytes(key: string, value: CachedResponse): number {
  let bytes = 200 + key.length * 2 + value.body.length;
  for (const [name, v] of value.headers) bytes += (name.length + v.length) * 2 + 32;
  return bytes;
}

export class MemoryStore implements ResponseStore {
  private readonly lru: LRUCache<string, CachedResponse>;

  constructor(options: { maxEntries: number; maxBytes: number; ttlSeconds: number }) {
    this.lru = new LRUCache({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // an entry larger than an eighth of the cache would evict too much at once: it is not kept
      maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 8)),
      sizeCalculation: (value, key) => entryBytes(key, value),
      ttl: options.ttlSeconds * 1000,
      // the clock read by a look-up is reused for this long (lru-cache sets a timer to forget it): the
      // default, 1 ms, set a timer every millisecond under load; entries live for seconds at least, and
      // the data version in their keys, not their age, keeps answers current
      ttlResolution: 100,
      // the clock is read when an entry is stored or read, not on a timer
      ttlAutopurge: false,
    });
  }

  get(key: string): CachedResponse | undefined {
    return this.lru.get(key);
  }

  local(key: string): CachedResponse | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: CachedResponse): void {
    this.lru.set(key, value);
  }

  size(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}

const REDIS_PREFIX = 'eurasia-graph:response:';

/** An entry in Redis: one line of JSON (status, headers), a newline, then the body's bytes. */
function encode(value: CachedResponse): Buffer {
  return Buffer.concat([
    Buffer.from(`${JSON.stringify({ status: value.status, headers: value.headers })}\n`),
    value.body,
  ]);
}

function decode(raw: Buffer): CachedResponse | undefined {
  const newline = raw.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const head = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Omit<CachedResponse, 'body'>;
    return { status: head.status, headers: head.headers, body: raw.subarray(newline + 1) };
  } catch {
    return undefined;
  }
}

/**
 * This process' LRU in front of Redis. Redis being down makes every lookup a miss (and the answer is
 * computed as if there were no cache); it never fails a request.
 */
export class RedisBackedStore implements ResponseStore {
  readonly redis: Redis;

  constructor(
    url: string,
    private readonly memory: MemoryStore,
    private readonly ttlSeconds: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      // a lookup must not wait for a reconnection: fail it at once and answer without the cache
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
    });
    this.redis.on('error', onError);
  }

  get(key: string): CachedResponse | undefined | Promise<CachedResponse | undefined> {
    const local = this.memory.get(key);
    if (local) return local;
    return this.redis.getBuffer(REDIS_PREFIX + key).then(
      (raw) => {
        const value = raw ? decode(raw) : undefined;
        if (value) this.memory.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.onError(error);
        return undefined;
      },
    );
  }

  local(key: string): CachedResponse | undefined {
    return this.memory.get(key);
  }

  set(key: string, value: CachedResponse): void {
    this.memory.set(key, value);
    this.redis.set(REDIS_PREFIX + key, encode(value), 'EX', this.ttlSeconds).catch(this.onError);
  }

  size(): { entries: number; bytes: number } {
    return this.memory.size();
  }

  /**
   * Lookups and writes never wait for Redis (no offline queue): one made before the connection is up is
   * skipped. Waiting for it once at start keeps the first answers of a new process shared too.
   */
  async connected(waitMs: number): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    let onReady: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      onReady = resolve;
      timer = setTimeout(resolve, waitMs);
      this.redis.once('ready', onReady);
    });
    clearTimeout(timer);
    this.redis.off('ready', onReady!);
  }

  async close(): Promise<void> {
    await this.memory.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
