/**
 * Fault: a statement that cannot finish in time. Every statement the service sends carries MariaDB's
 * `SET STATEMENT max_statement_time=... FOR`, so the database server itself must stop it: the client gets
 * SERVICE_UNAVAILABLE (503) with the time-limit message, and afterwards no statement of the service is
 * still running on the server (it was stopped there, not merely abandoned by the client).
 *
 * The setup: an admin connection holds `LOCK TABLES country WRITE`, so the service's `countries`
 * statement waits for a table metadata lock. On MariaDB such a wait is governed by lock_wait_timeout
 * (default one day), but max_statement_time's kill also interrupts it: the statement fails with errno
 * 1969 ER_STATEMENT_TIMEOUT ("Query execution was interrupted (max_statement_time exceeded)"). The first
 * test checks exactly that on a plain connection, so the setup is known to exercise max_statement_time;
 * the lock is kept while the process list is read, so an abandoned statement would still be seen waiting.
 */
import type mysql from 'mysql2/promise';
import { TIMEOUT_MESSAGE } from '../../src/http/errors';
import { freshDatabase, seededDatabase } from '../support/database';
import { startTestService, type TestService } from '../support/service';
import { adminConnection, getStatus, post, type Outcome } from './support';

const DATABASE = 'faults_statement_timeout';
const STATEMENT_TIMEOUT_MS = 50;
const QUERY = '{ countries(first: 5) { nodes { name } } }';

jest.setTimeout(60_000);

interface ProcessRow {
  ID: number;
  COMMAND: string;
  STATE: string | null;
  TIME_MS: number;
  INFO: string | null;
}

describe('Faults: the statement time limit is enforced by the database server', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let api: TestService | undefined;
  let admin: mysql.Connection | undefined;
  let probe: mysql.Connection | undefined;

  beforeAll(async () => {
    db = await seededDatabase(DATABASE);
    api = await startTestService({
      databaseUrl: db.url,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      dbPoolSize: 2,
    });
    admin = await adminConnection(db.url);
    probe = await adminConnection(db.url);
  });

  afterAll(async () => {
    await admin?.query('UNLOCK TABLES').catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await probe?.end().catch(() => undefined);
    await api?.stop();
    await db?.drop();
  });

  afterEach(async () => {
    await admin?.query('UNLOCK TABLES');
  });

  /** Statements on this database still in progress, other than the admin connections' own. */
  async function runningStatements(): Promise<ProcessRow[]> {
    const [rows] = await admin!.query(
      `SELECT ID, COMMAND, STATE, TIME_MS, INFO FROM information_schema.PROCESSLIST
        WHERE DB = ? AND ID NOT IN (CONNECTION_ID(), ?) AND COMMAND <> 'Sleep'`,
      [DATABASE, probe!.threadId],
    );
    return rows as ProcessRow[];
  }

  it('(setup check) a lock wait is cut by max_statement_time, not by lock_wait_timeout', async () => {
    const [[settings]] = (await admin!.query('SELECT @@lock_wait_timeout AS lockWait')) as unknown as [
      { lockWait: number }[],
    ];
    expect(Number(settings!.lockWait)).toBeGreaterThanOrEqual(60);
    await admin!.query('LOCK TABLES country WRITE');
    const started = Date.now();
    const error = await probe!
      .query('SET STATEMENT max_statement_time=0.05 FOR SELECT * FROM country')
      .then(() => undefined)
      .catch((e: { errno?: number; code?: string; message: string }) => e);
    const ms = Date.now() - started;
    console.info(
      `lock wait under max_statement_time=0.05: errno ${error?.errno}, code ${error?.code}, ${ms} ms`,
    );
    expect(error).toMatchObject({
      errno: 1969,
      message: expect.stringMatching(/max_statement_time/) as unknown,
    });
    expect(ms).toBeLessThan(1_000);
  });

  describe('a request whose statement waits past the limit', () => {
    let outcome: Outcome;
    let runningAtOnce: ProcessRow[];
    let runningLater: ProcessRow[];
    beforeAll(async () => {
      await admin!.query('LOCK TABLES country WRITE');
      try {
        outcome = await post(api!.url, QUERY, undefined, 10_000);
        // read the process list at once, and again later, with the lock still held all along
        runningAtOnce = await runningStatements();
        await new Promise((r) => setTimeout(r, 500));
        runningLater = await runningStatements();
      } finally {
        await admin!.query('UNLOCK TABLES');
      }
      console.info(
        `request under a ${STATEMENT_TIMEOUT_MS} ms statement limit: ${outcome.status} in ${outcome.ms} ms; ` +
          `statements of the service still on the server: ${runningAtOnce.length} at once, ${runningLater.length} 500 ms later`,
        outcome.body.errors?.map((e) => `${String(e.extensions?.code)}: ${e.message}`),
      );
    });

    it('is stopped on the database server, not merely abandoned by the client', () => {
      expect(runningAtOnce).toEqual([]);
      expect(runningLater).toEqual([]);
    });

    it('ends promptly with SERVICE_UNAVAILABLE (503) and the time-limit message', () => {
      expect(outcome.ms).toBeLessThan(2_000);
      expect({ status: outcome.status, errors: outcome.body.errors }).toEqual({
        status: 503,
        errors: [
          expect.objectContaining({
            message: TIMEOUT_MESSAGE,
            extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) as unknown,
          }),
        ],
      });
    });
  });

  it('serves normally again once the lock is gone', async () => {
    const outcome = await post(api!.url, QUERY);
    expect(outcome.body.errors).toBeUndefined();
    expect(outcome.status).toBe(200);
    expect(await getStatus(`${api!.origin}/readyz`)).toBe(200);
  });
});
