/**
 * Invalidation by data version: an ingest that changes anything advances the version inside its
 * transaction, and the next request gets the new value, from this process' cache and from Redis shared by
 * two service processes.
 */
import Redis from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server';
import { loadFiles } from '../../src/ingest/load';
import { freshDatabase } from '../support/database';
import { ROOT } from '../support/environment';
import { startRedis, type TestRedis } from '../support/redis';
import { startTestService } from '../support/service';
import { cacheOn, post } from './support';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const SOURCES = path.join(FIXTURES, 'sources');
const BULLETIN = fs.readFileSync(path.join(FIXTURES, 'ingest', 'steppe-bulletin.yaml'), 'utf8');
const titled = (title: string) => [
  { name: 'steppe-bulletin.yaml', content: BULLETIN.replace('title: Steppe Bulletin', `title: ${title}`) },
];
const TITLES = '{ documents(first: 5) { nodes { title } } }';
const titlesOf = (res: Awaited<ReturnType<typeof post>>) =>
  (res.body.data!.documents.nodes as { title: string }[]).map((d) => d.title);

describe('Cache: invalidation by data version, in memory', () => {
  it('serves the new value on the request right after an ingest', async () => {
    const db = await freshDatabase('cache_invalidation_memory');
    const api = await startTestService({ databaseUrl: db.url, ...cacheOn({ versionCheckMs: 0 }) });
    try {
      await loadFiles(db.dataSource, titled('Steppe Bulletin'), { sourcesDir: SOURCES });
      const before = await post(api.url, { query: TITLES });
      expect(titlesOf(before)).toEqual(['Steppe Bulletin']);
      const cached = await post(api.url, { query: TITLES });
      expect(cached.headers.get('x-cache')).toBe('hit');

      const unchanged = await loadFiles(db.dataSource, titled('Steppe Bulletin'), { sourcesDir: SOURCES });
      expect(unchanged.documentsLoaded).toEqual([]);
      expect((await post(api.url, { query: TITLES })).headers.get('x-cache')).toBe('hit');

      await loadFiles(db.dataSource, titled('Steppe Bulletin, corrected'), { sourcesDir: SOURCES });
      const after = await post(api.url, { query: TITLES });
      expect(after.headers.get('x-cache')).toBe('miss');
      expect(titlesOf(after)).toEqual(['Steppe Bulletin, corrected']);
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    } finally {
      await api.stop();
      await db.drop();
    }
  });

  it('with a DATA_VERSION_CHECK_MS bound, the first request past the bound sees the ingest', async () => {
    const db = await freshDatabase('cache_invalidation_bound');
    const bound = 300;
    const api = await startTestService({ databaseUrl: db.url, ...cacheOn({ versionCheckMs: bound }) });
    try {
      await loadFiles(db.dataSource, titled('Steppe Bulletin'), { sourcesDir: SOURCES });
      await post(api.url, { query: TITLES });
      await loadFiles(db.dataSource, titled('Steppe Bulletin, second edition'), { sourcesDir: SOURCES });
      await new Promise((resolve) => setTimeout(resolve, bound + 50));
      const after = await post(api.url, { query: TITLES });
      expect(titlesOf(after)).toEqual(['Steppe Bulletin, second edition']);
    } finally {
      await api.stop();
      await db.drop();
    }
  });
});

/** Runs the built service as its own process; resolves once it logs that it is ready. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('eurasia-graph is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stderr}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

describe('Cache: invalidation by data version, two processes sharing one Redis', () => {
  let redis: TestRedis | undefined;
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(children.map(stopProcess));
    await redis?.stop();
    await db?.drop();
  });

  it('shares answers between the processes, and an ingest is seen at once by both', async () => {
    redis = await startRedis();
    db = await freshDatabase('cache_invalidation_redis');
    await loadFiles(db.dataSource, titled('Steppe Bulletin'), { sourcesDir: SOURCES });
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      SEED_ON_START: 'false',
      QUERY_STATS: 'true',
      DATA_VERSION_CHECK_MS: '0',
    };
    const [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
    children.push(a!.child, b!.child);

    const fromA = await post(a!.url, { query: TITLES });
    expect(fromA.headers.get('x-cache')).toBe('miss');
    expect(titlesOf(fromA)).toEqual(['Steppe Bulletin']);
    // A writes to Redis after it answers: wait (up to 10 s on a busy machine) until the entry is there
    const shared = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await shared.connect();
      for (let i = 0; i < 500 && (await shared.dbsize()) === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await shared.dbsize()).toBeGreaterThan(0);
    } finally {
      shared.disconnect();
    }
    // B never ran this query: its answer comes from Redis, with no statement
    const fromB = await post(b!.url, { query: TITLES });
    expect(fromB.headers.get('x-cache')).toBe('hit');
    expect(fromB.body.extensions!.stats.sqlStatements).toBe(0);
    expect(fromB.headers.get('etag')).toBe(fromA.headers.get('etag'));

    await loadFiles(db.dataSource, titled('Steppe Bulletin, corrected'), { sourcesDir: SOURCES });
    const afterB = await post(b!.url, { query: TITLES });
    expect(afterB.headers.get('x-cache')).toBe('miss');
    expect(titlesOf(afterB)).toEqual(['Steppe Bulletin, corrected']);
    const afterA = await post(a!.url, { query: TITLES });
    expect(afterA.headers.get('x-cache')).toBe('hit');
    expect(titlesOf(afterA)).toEqual(['Steppe Bulletin, corrected']);
  });
});
