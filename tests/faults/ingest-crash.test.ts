/**
 * Faults in ingestion. (1) The ingest CLI is killed with SIGKILL in the middle of its write transaction:
 * the database must be exactly as before (equal CHECKSUM TABLE of every table). (2) Two ingest CLIs run
 * at once on two different files that both touch one shared entity: both succeed, and the result equals
 * loading the files one after the other (in the order they took the lock), i.e. the loads did not interleave.
 *
 * The inputs are synthetic: hundreds of countries, each with its name and capital quoted (with spans)
 * from a generated source text. Nothing depends on timing: the test holds, in a transaction of its own, a
 * row the ingest will insert late in its write phase, so the ingest waits there with its transaction
 * open and thousands of rows written until it is killed; and it holds the ingest lock while both
 * concurrent ingests start, so that they really contend for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { citationId, claimId } from '../../src/ingest/derive';
import { loadFiles } from '../../src/ingest/load';
import { readInputs } from '../../src/ingest/read-inputs';
import { freshDatabase, seededDatabase, tableChecksums } from '../support/database';
import { ROOT } from '../support/environment';
import { adminConnection, GiveUp, pollUntil, within } from './support';

/** The held citation comes after about 1,400 rows of the ingest's transaction (the test waits for 1,000). */
const ENTITIES = 200;
/**
 * MariaDB refreshes its INNODB_TRX snapshot only when it has not been read for 100 ms: polling it faster
 * keeps showing the same (stale) list, so every poll of it waits longer than that.
 */
const TRX_POLL_MS = 150;
const DATABASE = 'faults_ingest';

jest.setTimeout(120_000);

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

interface Synthetic {
  file: string;
  /** The id of the citation the ingest inserts for the last country's name, with what its row needs. */
  lastCitation: { id: string; claimId: string; documentId: string };
}

/** Writes <dir>/<key>.yaml and <sources>/<key>.txt: one document stating `count` countries and a shared one. */
function writeSynthetic(dir: string, sources: string, key: string, count: number): Synthetic {
  const lines: string[] = [`Synthetic gazetteer ${key.toUpperCase()}.`];
  let offset = lines[0]!.length + 1;
  const entities: string[] = [];
  const documentId = `synthetic-gazetteer-${key}`;
  let lastCitation: Synthetic['lastCitation'] | undefined;
  const sentence = (text: string): [number, number] => {
    const span: [number, number] = [offset, offset + text.length];
    lines.push(text);
    offset += text.length + 1;
    return span;
  };
  // one entity both files speak of: its claim gets one citation per file, in load order
  const shared = `Sharedland is named in gazetteer ${key.toUpperCase()}.`;
  const sharedSpan = sentence(shared);
  entities.push(
    `  - type: Country`,
    `    id: synth-shared`,
    `    claims:`,
    `      - values: { name: "Sharedland" }`,
    `        cite: [{ quote: ${JSON.stringify(shared)}, span: [${sharedSpan.join(', ')}] }]`,
  );
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, '0');
    const name = `Synthland ${key.toUpperCase()}-${n}`;
    const capital = `Port ${key.toUpperCase()}-${n}`;
    const text = `${name} is a country whose capital is ${capital}.`;
    const span = sentence(text);
    const claim = claimId(`synth-${key}-${n}`, 'name', name, null, null);
    lastCitation = { id: citationId(claim, documentId, text, span[0]), claimId: claim, documentId };
    entities.push(
      `  - type: Country`,
      `    id: synth-${key}-${n}`,
      `    claims:`,
      `      - values: { name: ${JSON.stringify(name)}, capital: ${JSON.stringify(capital)} }`,
      `        cite: [{ quote: ${JSON.stringify(text)}, span: [${span.join(', ')}] }]`,
    );
  }
  fs.writeFileSync(path.join(sources, `synthetic-${key}.txt`), `${lines.join('\n')}\n`);
  const yaml = [
    'document:',
    `  id: ${documentId}`,
    `  file: synthetic-${key}.txt`,
    `  title: Synthetic gazetteer ${key.toUpperCase()}`,
    `  publisher: Fault tests`,
    `  published: "2024"`,
    `  kind: REPORT`,
    `  language: en`,
    'entities:',
    ...entities,
    '',
  ].join('\n');
  const file = path.join(dir, `synthetic-${key}.yaml`);
  fs.writeFileSync(file, yaml);
  return { file, lastCitation: lastCitation! };
}

interface Cli {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function runCli(file: string, databaseUrl: string, sourcesDir: string): Cli {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, SOURCES_DIR: sourcesDir };
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'ingest', 'cli.js'), file], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

describe('Faults: ingestion killed mid-write, and two ingestions at once', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-ingest-faults-'));
  const sources = path.join(work, 'sources');
  fs.mkdirSync(sources);
  let fileA: string;
  let fileB: string;
  let lastCitationA: Synthetic['lastCitation'];
  let db: Fresh | undefined;
  let admin: mysql.Connection | undefined;
  /** A second connection that holds what the ingests wait for. */
  let holder: mysql.Connection | undefined;
  const children: ChildProcess[] = [];
  const references: Fresh[] = [];

  beforeAll(async () => {
    const a = writeSynthetic(work, sources, 'a', ENTITIES);
    fileA = a.file;
    lastCitationA = a.lastCitation;
    fileB = writeSynthetic(work, sources, 'b', ENTITIES).file;
    db = await seededDatabase(DATABASE);
    admin = await adminConnection(db.url);
    holder = await adminConnection(db.url);
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await admin?.end().catch(() => undefined);
    await holder?.end().catch(() => undefined);
    for (const r of references) await r.drop();
    await db?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The open transactions of other connections on this database, with the rows each has changed. */
  async function openTransactions(): Promise<{ thread: number; rows: number; state: string }[]> {
    const [rows] = await admin!.query(
      `SELECT t.trx_mysql_thread_id AS thread, t.trx_rows_modified AS rows_modified, t.trx_state AS state
         FROM information_schema.INNODB_TRX t
         JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE p.DB = ? AND p.ID <> CONNECTION_ID()`,
      [DATABASE],
    );
    return (rows as { thread: number; rows_modified: number; state: string }[]).map((r) => ({
      thread: Number(r.thread),
      rows: Number(r.rows_modified),
      state: r.state,
    }));
  }

  /** Connections waiting for the ingest lock (GET_LOCK). */
  async function waitingForIngestLock(): Promise<number> {
    const [rows] = await admin!.query(
      `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'SELECT GET_LOCK(%'`,
      [DATABASE],
    );
    return Number((rows as { n: number }[])[0]!.n);
  }

  async function otherConnections(): Promise<number> {
    const [rows] = await admin!.query(
      `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() AND COMMAND <> 'Sleep'`,
      [DATABASE],
    );
    return Number((rows as { n: number }[])[0]!.n);
  }

  it('leaves the database exactly as it was when the ingest is killed mid-write', async () => {
    const before = await tableChecksums(db!.dataSource);
    // Hold the row of a citation the ingest will insert after its entities, names and claims.
    await holder!.query('START TRANSACTION');
    await holder!.query(
      'INSERT INTO citation (id, claim_id, document_id, quote, span_start, span_end, note, position) VALUES (?, ?, ?, ?, 0, 1, NULL, 1)',
      [lastCitationA.id, lastCitationA.claimId, lastCitationA.documentId, 'held by the test'],
    );
    const started = Date.now();
    const cli = runCli(fileA, db!.url, sources);
    children.push(cli.child);
    // Wait until its write transaction has written a good part and waits for the held row.
    const caught = await pollUntil(
      'the ingest write transaction to wait on the held row',
      async () => {
        if (cli.child.exitCode !== null)
          throw new GiveUp(`the ingest ended (${cli.child.exitCode}) before its transaction was caught open`);
        const open = await openTransactions();
        return open.find((t) => t.rows >= 1_000 && t.state === 'LOCK WAIT');
      },
      60_000,
      TRX_POLL_MS,
    );
    cli.child.kill('SIGKILL');
    await holder!.query('ROLLBACK');
    const exit = await within(cli.done, 10_000, 'the killed ingest to exit');
    const killedAfter = Date.now() - started;
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.stdout).not.toMatch(/loaded/);

    // The server rolls the transaction back once it sees the connection gone.
    await pollUntil(
      'the killed transaction to be rolled back',
      async () => (await openTransactions()).length === 0 && (await otherConnections()) === 0,
      30_000,
      TRX_POLL_MS,
    );
    const after = await tableChecksums(db!.dataSource);
    console.info(
      `ingest of ${ENTITIES} countries killed after ${killedAfter} ms with ${caught.rows} rows written in its open transaction`,
    );
    expect(after).toEqual(before);
    const [rows] = await admin!.query("SELECT COUNT(*) AS n FROM entity WHERE id LIKE 'synth-%'");
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(0);
  });

  it('serialises two ingests started at once: both succeed, and the result equals loading them in turn', async () => {
    // Both start while the test holds the ingest lock, so both are waiting for it when it is released.
    const [[held]] = (await holder!.query("SELECT GET_LOCK('eurasia_graph.ingest', 10) AS acquired")) as [
      { acquired: number }[],
      unknown,
    ];
    expect(held!.acquired).toBe(1);
    const started = Date.now();
    const a = runCli(fileA, db!.url, sources);
    const b = runCli(fileB, db!.url, sources);
    children.push(a.child, b.child);
    await pollUntil(
      'both ingests to wait for the ingest lock',
      async () => (await waitingForIngestLock()) === 2,
      60_000,
      TRX_POLL_MS,
    );
    await holder!.query("SELECT RELEASE_LOCK('eurasia_graph.ingest')");
    // both hold the database at some point; they must never have write transactions open together
    let overlapping = 0;
    let bothDone = false;
    const watching = (async () => {
      while (!bothDone) {
        const open = (await openTransactions()).filter((t) => t.rows > 0);
        if (open.length > 1) overlapping++;
        await new Promise((r) => setTimeout(r, TRX_POLL_MS));
      }
    })();
    const [ra, rb] = await within(Promise.all([a.done, b.done]), 120_000, 'the two ingests');
    bothDone = true;
    await watching;
    const tookMs = Date.now() - started;
    console.info(`two concurrent ingests of ${ENTITIES} countries each: both ended after ${tookMs} ms`);
    expect({ code: ra.code, stderr: ra.stderr }).toEqual({ code: 0, stderr: '' });
    expect({ code: rb.code, stderr: rb.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ra.stdout).toMatch(/loaded 1 document/);
    expect(rb.stdout).toMatch(/loaded 1 document/);
    expect(overlapping).toBe(0);
    const concurrent = await tableChecksums(db!.dataSource);

    // The order the ingests took the lock in, as the database recorded it: one revision per load.
    const [loaded] = (await admin!.query(
      "SELECT id FROM revision_document WHERE id LIKE 'synthetic-gazetteer-%' ORDER BY revision_id",
    )) as [{ id: string }[], unknown];
    const fileOf: Record<string, string> = {
      'synthetic-gazetteer-a': fileA,
      'synthetic-gazetteer-b': fileB,
    };
    expect(loaded.map((r) => r.id).sort()).toEqual(Object.keys(fileOf));
    // The same loads, one after the other in that order, on a database of its own.
    const ref = await seededDatabase(`${DATABASE}_in_turn`);
    references.push(ref);
    for (const { id } of loaded)
      await loadFiles(ref.dataSource, readInputs([fileOf[id]!]), { sourcesDir: sources });
    console.info(`the two ingests ran in this order: ${loaded.map((r) => r.id).join(', ')}`);
    expect(concurrent).toEqual(await tableChecksums(ref.dataSource));
    const [rows] = await admin!.query(
      "SELECT COUNT(*) AS n FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE cl.subject_id = 'synth-shared'",
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(2);
  });
});
