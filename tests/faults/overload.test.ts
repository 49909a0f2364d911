/**
 * Fault: a flood. The service runs as a process in production mode with its log on stdout. An admin
 * connection holds `LOCK TABLES country WRITE`, so every admitted query waits in the database and the
 * counts below do not depend on timing.
 *
 * 1. Admission: with MAX_CONCURRENT_REQUESTS=2 and REQUEST_QUEUE_LIMIT=3, a flood of 30 leaves exactly
 *    5 requests admitted (2 running, 3 waiting) and answers the other 25 at once with 503, Retry-After and
 *    SERVICE_UNAVAILABLE; each of those 25 is one warn line without a stack. With the pool's every
 *    connection stuck, /readyz still answers 200 (the database is reachable and migrated) and /healthz 200.
 *    Once the lock goes, the 5 admitted requests answer with data.
 * 2. A 503 from the pool's full queue or from the statement time limit is load as well: warn, no stack,
 *    and /readyz stays 200 while the pool has no connection or queue place left.
 * 3. The queue's two other ways out: a request that waits longer than REQUEST_QUEUE_WAIT_MS is answered
 *    503, and a client that leaves while waiting gives its place back.
 * 4. A client that ignores Retry-After: after a shed, the next request on the same connection is held for
 *    SHED_HOLD_MS before admission looks at it; other connections are not held.
 */
import type mysql from 'mysql2/promise';
import http from 'node:http';
import net from 'node:net';
import { freePort } from '../../src/db/embedded-server';
import { OVERLOADED_MESSAGE, RETRY_AFTER_SECONDS } from '../../src/http/admission';
import { UNAVAILABLE_MESSAGE } from '../../src/http/errors';
import { freshDatabase, seededDatabase } from '../support/database';
import { startTestService, type TestService } from '../support/service';
import {
  adminConnection,
  ensureStopped,
  getStatus,
  pollUntil,
  within,
  type Outcome,
  type ServiceProcess,
  spawnService,
  waitingForLock,
} from './support';

const DATABASE = 'faults_overload';
const QUERY = '{ countries(first: 5) { totalCount nodes { name } } }';
const RUNNING = 2;
const QUEUED = 3;
const FLOOD = 30;

jest.setTimeout(120_000);

/** Like support's `post`, but keeps the Retry-After header. */
async function send(url: string, signal?: AbortSignal): Promise<Outcome & { retryAfter: string | null }> {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: QUERY }),
    signal: signal ?? AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let body: Outcome['body'] = {};
  try {
    body = JSON.parse(text) as Outcome['body'];
  } catch {
    // kept as text
  }
  return {
    status: res.status,
    body,
    text,
    ms: Date.now() - started,
    retryAfter: res.headers.get('retry-after'),
  };
}

/** The access-log lines of /graphql requests answered with `status`. */
function accessLines(api: ServiceProcess, status: number): Record<string, unknown>[] {
  return api.logs.filter(
    (l) =>
      (l.req as { path?: string } | undefined)?.path === '/graphql' &&
      (l.res as { statusCode?: number } | undefined)?.statusCode === status,
  );
}

describe('Faults: a flood sheds only the excess', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let api: ServiceProcess | undefined;
  let inProcess: TestService | undefined;
  let admin: mysql.Connection | undefined;

  beforeAll(async () => {
    db = await seededDatabase(DATABASE);
    admin = await adminConnection(db.url);
  });

  afterEach(async () => {
    await admin?.query('UNLOCK TABLES').catch(() => undefined);
    await ensureStopped(api);
    await inProcess?.stop();
    api = undefined;
    inProcess = undefined;
  });

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await db?.drop();
  });

  const start = async (env: Record<string, string>) =>
    spawnService({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      SHED_HOLD_MS: '0',
      ...env,
    });

  it('admits the concurrency limit plus the queue, sheds the rest at once, and stays ready', async () => {
    api = await start({
      DB_POOL_SIZE: '2',
      MAX_CONCURRENT_REQUESTS: String(RUNNING),
      REQUEST_QUEUE_LIMIT: String(QUEUED),
      REQUEST_QUEUE_WAIT_MS: '60000',
      DB_STATEMENT_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    await admin!.query('LOCK TABLES country WRITE');
    const settled: Awaited<ReturnType<typeof send>>[] = [];
    const flood = Array.from({ length: FLOOD }, () =>
      send(api!.url).then((o) => {
        settled.push(o);
        return o;
      }),
    );

    // Every pooled connection is stuck on the lock, and everything beyond the admitted five is answered.
    await pollUntil(
      'both pooled connections to wait for the lock',
      async () => (await waitingForLock(admin!, DATABASE)) >= 2,
      10_000,
    );
    await pollUntil(
      'the excess to be answered',
      async () => settled.length >= FLOOD - RUNNING - QUEUED,
      20_000,
    );
    expect(await getStatus(`${api.origin}/readyz`)).toBe(200);
    expect(await getStatus(`${api.origin}/healthz`)).toBe(200);
    expect(settled).toHaveLength(FLOOD - RUNNING - QUEUED);
    for (const shed of settled) {
      expect(shed.status).toBe(503);
      expect(shed.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
      expect(shed.body.errors).toEqual([
        {
          message: OVERLOADED_MESSAGE,
          extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) as unknown },
        },
      ]);
    }

    await admin!.query('UNLOCK TABLES');
    const outcomes = await within(Promise.all(flood), 30_000, 'the admitted requests');
    const served = outcomes.filter((o) => o.status === 200);
    expect(served).toHaveLength(RUNNING + QUEUED);
    for (const o of served) {
      expect(o.body.errors).toBeUndefined();
      expect(o.body.data!.countries.totalCount).toBeGreaterThan(0);
    }

    // One warn line per shed request, none with a stack; nothing at error.
    const shedLines = await pollUntil(
      'the shed requests to be logged',
      async () => {
        const lines = accessLines(api!, 503);
        return lines.length >= FLOOD - RUNNING - QUEUED ? lines : undefined;
      },
      10_000,
    );
    expect(shedLines).toHaveLength(FLOOD - RUNNING - QUEUED);
    for (const line of shedLines) {
      expect(line).toMatchObject({ level: 40, overload: 'shed: queue full' });
      expect(line.err).toBeUndefined();
      expect(JSON.stringify(line)).not.toMatch(/stack/);
    }
    const servedLines = await pollUntil(
      'the served requests to be logged',
      async () => {
        const lines = accessLines(api!, 200);
        return lines.length >= RUNNING + QUEUED ? lines : undefined;
      },
      10_000,
    );
    expect(servedLines).toHaveLength(RUNNING + QUEUED);
    expect(api.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);

    // and every shed request is counted where an operator looks
    const exposition = await (await fetch(`${api.origin}/metrics`)).text();
    expect(exposition).toMatch(new RegExp(`^graphql_requests_shed_total ${FLOOD - RUNNING - QUEUED}$`, 'm'));
  });

  it('logs a 503 from a full pool queue or a statement time limit at warn, and stays ready', async () => {
    const requests = 10;
    api = await start({
      DB_POOL_SIZE: '1',
      DB_QUEUE_LIMIT: '1',
      MAX_CONCURRENT_REQUESTS: String(requests),
      REQUEST_QUEUE_LIMIT: '0',
      DB_STATEMENT_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    await admin!.query('LOCK TABLES country WRITE');
    const settled: Outcome[] = [];
    const burst = Array.from({ length: requests }, () =>
      send(api!.url).then((o) => {
        settled.push(o);
        return o;
      }),
    );
    // The pool's one connection is stuck and its one queue place taken: the others fail at the pool.
    await pollUntil(
      'the pooled connection to wait for the lock',
      async () => (await waitingForLock(admin!, DATABASE)) >= 1,
      10_000,
    );
    await pollUntil('the pool to refuse the rest', async () => settled.length >= 1, 10_000);
    expect(await getStatus(`${api.origin}/readyz`)).toBe(200);

    // The lock stays: each statement that got the connection ends at its time limit.
    const outcomes = await within(Promise.all(burst), 30_000, 'the burst');
    for (const o of outcomes) {
      expect(o.status).toBe(503);
      expect(o.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(
      outcomes.filter((o) => o.body.errors?.[0]?.message === UNAVAILABLE_MESSAGE).length,
    ).toBeGreaterThan(0);

    const lines = await pollUntil(
      'every 503 to be logged',
      async () => {
        const found = accessLines(api!, 503);
        return found.length >= requests ? found : undefined;
      },
      10_000,
    );
    expect(lines).toHaveLength(requests);
    const reasons = new Set<unknown>();
    for (const line of lines) {
      expect(line.level).toBe(40);
      expect(line.err).toBeUndefined();
      expect(JSON.stringify(line)).not.toMatch(/stack/);
      reasons.add(line.overload);
    }
    expect([...reasons].sort()).toEqual(['database pool queue full', 'time limit']);
    expect(api.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('answers 503 to a request that waited too long', async () => {
    inProcess = await startTestService({
      databaseUrl: db.url,
      admission: { maxConcurrent: 1, queueLimit: 1, maxWaitMs: 300, shedHoldMs: 0 },
      statementTimeoutMs: 60_000,
      requestTimeoutMs: 60_000,
    });
    await admin!.query('LOCK TABLES country WRITE');
    let runningSettled = false;
    const running = send(inProcess.url).finally(() => (runningSettled = true));
    await pollUntil(
      'the running request to wait for the lock',
      async () => (await waitingForLock(admin!, DATABASE)) >= 1,
      10_000,
    );

    // The lock is held: the running request cannot finish, so the waiting one runs out of time.
    const waited = await send(inProcess.url);
    expect(runningSettled).toBe(false);
    expect(waited.status).toBe(503);
    expect(waited.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
    expect(waited.body.errors?.[0]).toMatchObject({
      message: OVERLOADED_MESSAGE,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });

    await admin!.query('UNLOCK TABLES');
    expect((await running).status).toBe(200);
  });

  it('cuts off a client that sends its body too slowly, and gives its place to the next request', async () => {
    inProcess = await startTestService({
      databaseUrl: db.url,
      admission: { maxConcurrent: 1, queueLimit: 0, maxWaitMs: 1_000, shedHoldMs: 0 },
      requestReceiveTimeoutMs: 500,
    });
    const { hostname, port } = new URL(inProcess.url);
    // headers and half the promised body, then nothing: the one slot is held while the body is awaited
    const body = JSON.stringify({ query: '{ countries(first: 1) { totalCount } }' });
    const slow = net.connect(Number(port), hostname);
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      slow.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      slow.on('close', () => resolve(answer));
    });
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.write(
      `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await pollUntil(
      'the slow request to hold the only slot',
      async () => (await send(inProcess!.url)).status === 503,
      5_000,
    );
    // the server closes the slow connection itself (408), and the slot is free again
    expect(await within(closed, 10_000, 'the slow connection to be closed')).toMatch(/^HTTP\/1\.1 408/);
    const after = await pollUntil(
      'a request to take the freed place',
      async () => {
        const outcome = await send(inProcess!.url);
        return outcome.status === 200 ? outcome : undefined;
      },
      5_000,
    );
    expect(after.body.errors).toBeUndefined();
  });

  it('gives the place of a client that left while waiting to the next request', async () => {
    inProcess = await startTestService({
      databaseUrl: db.url,
      admission: { maxConcurrent: 1, queueLimit: 1, maxWaitMs: 60_000, shedHoldMs: 0 },
      statementTimeoutMs: 60_000,
      requestTimeoutMs: 60_000,
    });
    await admin!.query('LOCK TABLES country WRITE');
    const running = send(inProcess.url);
    await pollUntil(
      'the running request to wait for the lock',
      async () => (await waitingForLock(admin!, DATABASE)) >= 1,
      10_000,
    );
    const leaving = new AbortController();
    const left = send(inProcess.url, leaving.signal).catch((error: unknown) => error);
    // The queue's one place is taken: a further request is shed.
    expect((await send(inProcess.url)).status).toBe(503);
    leaving.abort();
    expect(await left).toMatchObject({ name: 'AbortError' });

    // Once the server has seen the client go, the next request waits instead of being shed. A request sent
    // before that is shed at once and tried again; one still unanswered after two seconds is waiting.
    const next = await pollUntil(
      'a request to take the place that was given back',
      async () => {
        const attempt = send(inProcess!.url);
        const shed = await Promise.race([attempt, new Promise((r) => setTimeout(r, 2_000, undefined))]);
        if (shed) return undefined;
        return { attempt };
      },
      20_000,
    );
    await admin!.query('UNLOCK TABLES');
    expect((await running).status).toBe(200);
    const answer = await next.attempt;
    expect(answer.status).toBe(200);
    expect(answer.body.data!.countries.totalCount).toBeGreaterThan(0);
  });

  it('holds the next request on a connection whose request was shed, and no other connection', async () => {
    const HOLD_MS = 1_500;
    inProcess = await startTestService({
      databaseUrl: db.url,
      admission: { maxConcurrent: 1, queueLimit: 0, maxWaitMs: 1_000, shedHoldMs: HOLD_MS },
      statementTimeoutMs: 60_000,
      requestTimeoutMs: 60_000,
    });
    const url = inProcess.url;
    const held = async () => {
      const text = await (await fetch(`${inProcess!.origin}/metrics`)).text();
      return Number(/^graphql_requests_held_total (\d+)$/m.exec(text)?.[1] ?? NaN);
    };
    // each agent keeps one connection open: requests sent through it one after another share it
    const agents = [1, 2].map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const [careless, other] = agents as [http.Agent, http.Agent];
    const sendOn = (agent: http.Agent) =>
      new Promise<{ status: number; ms: number }>((resolve, reject) => {
        const started = performance.now();
        const body = JSON.stringify({ query: QUERY });
        const req = http.request(
          url,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.once('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    try {
      await admin!.query('LOCK TABLES country WRITE');
      const running = send(url);
      await pollUntil(
        'the running request to wait for the lock',
        async () => (await waitingForLock(admin!, DATABASE)) >= 1,
        10_000,
      );
      const before = await held();

      // shed at once, on each connection: a connection is held only after a shed of its own
      expect((await sendOn(careless)).status).toBe(503);
      expect((await sendOn(other)).status).toBe(503);
      expect(await held()).toBe(before);

      // the careless client sends again at once on the same connection: held, then looked at (and shed)
      const again = await sendOn(careless);
      expect(again.status).toBe(503);
      expect(again.ms).toBeGreaterThanOrEqual(HOLD_MS - 50);
      expect(await held()).toBe(before + 1);

      // once there is room, a held request is admitted like any other
      await admin!.query('UNLOCK TABLES');
      expect((await running).status).toBe(200);
      expect((await sendOn(careless)).status).toBe(200);
      expect(await held()).toBe(before + 2);
      // and the other connection, shed once long ago, was never held
      expect((await sendOn(other)).status).toBe(200);
      expect(await held()).toBe(before + 2);
    } finally {
      for (const agent of agents) agent.destroy();
    }
  });
});
