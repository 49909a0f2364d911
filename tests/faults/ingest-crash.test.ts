/**
 * Faults in ingestion. (1) The ingest CLI is killed with SIGKILL in the middle of its write transaction:
 * the database must be exactly as before (equal CHECKSUM TABLE of every table). (2) Two ingest CLIs run
 * at once on two different files that both touch one shared entity: both succeed, and the result equals
 * loading the files one after the other (in one order or the other), i.e. the loads did not interleave.
 *
 * The inputs are synthetic: thousands of countries, each with its name and capital quoted (with spans)
 * from a generated source text, so that the write phase lasts long enough to be caught open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { loadFiles } from '../../src/ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { freshDatabase, tableChecksums } from '../support/database';
import { ROOT, SOURCES_DIR } from '../support/environment';
import { adminConnection, GiveUp, pollUntil, within } from './support';

const ENTITIES = 8_000;
/**
 * MariaDB refreshes its INNODB_TRX snapshot only when it has not been read for 100 ms: polling it faster
 * keeps showing the same (stale) list, so every poll of it waits longer than that.
 */
const TRX_POLL_MS = 150;
const DATABASE = 'faults_ingest';

jest.setTimeout(240_000);

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

/** Writes <dir>/<key>.yaml and <sources>/<key>.txt: one document stating `count` countries and a shared one. */
function writeSynthetic(dir: string, sources: string, key: string, count: number): string {
  const lines: string[] = [`Synthetic gazetteer ${key.toUpperCase()}.`];
  let offset = lines[0]!.length + 1;
  const entities: string[] = [];
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
    `  id: synthetic-gazetteer-${key}`,
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
  return file;
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
  let db: Fresh | undefined;
  let admin: mysql.Connection | undefined;
  const children: ChildProcess[] = [];
  const references: Fresh[] = [];

  beforeAll(async () => {
    fileA = writeSynthetic(work, sources, 'a', ENTITIES);
    fileB = writeSynthetic(work, sources, 'b', ENTITIES);
    db = await freshDatabase(DATABASE);
    await loadFiles(db.dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: SOURCES_DIR });
    admin = await adminConnection(db.url);
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await admin?.end().catch(() => undefined);
    for (const r of references) await r.drop();
    await db?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The open transactions of connections on this database, with the rows each has changed. */
  async function openTransactions(): Promise<{ thread: number; rows: number }[]> {
    const [rows] = await admin!.query(
      `SELECT t.trx_mysql_thread_id AS thread, t.trx_rows_modified AS rows_modified
         FROM information_schema.INNODB_TRX t
         JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE p.DB = ? AND p.ID <> CONNECTION_ID()`,
      [DATABASE],
    );
    return (rows as { thread: number; rows_modified: number }[]).map((r) => ({
      thread: Number(r.thread),
      rows: Number(r.rows_modified),
    }));
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
    const started = Date.now();
    const cli = runCli(fileA, db!.url, sources);
    children.push(cli.child);
    // Wait until its write transaction is open and has written a good part.
    const caught = await pollUntil(
      'the ingest write transaction to be open',
      async () => {
        if (cli.child.exitCode !== null)
          throw new GiveUp(`the ingest ended (${cli.child.exitCode}) before its transaction was caught open`);
        const open = await openTransactions();
        return open.find((t) => t.rows >= 1_000);
      },
      60_000,
      TRX_POLL_MS,
    );
    cli.child.kill('SIGKILL');
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
    const started = Date.now();
    const a = runCli(fileA, db!.url, sources);
    const b = runCli(fileB, db!.url, sources);
    children.push(a.child, b.child);
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

    // The same loads, one after the other, in each order, on databases of their own.
    const sequential: Record<string, Record<string, string>> = {};
    for (const [name, order] of [
      ['a then b', [fileA, fileB]],
      ['b then a', [fileB, fileA]],
    ] as const) {
      const ref = await freshDatabase(`${DATABASE}_${name.replace(/ /g, '_')}`);
      references.push(ref);
      await loadFiles(ref.dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: SOURCES_DIR });
      for (const file of order) await loadFiles(ref.dataSource, readInputs([file]), { sourcesDir: sources });
      sequential[name] = await tableChecksums(ref.dataSource);
    }
    const matches = Object.entries(sequential)
      .filter(([, sums]) => JSON.stringify(sums) === JSON.stringify(concurrent))
      .map(([name]) => name);
    console.info(`the concurrent result equals the sequential load: ${matches.join(', ') || 'none'}`);
    // (on a mismatch, show the difference from one of the orders)
    if (matches.length === 0) expect(concurrent).toEqual(sequential['a then b']);
    expect(matches.length).toBeGreaterThanOrEqual(1);
    const [rows] = await admin!.query(
      "SELECT COUNT(*) AS n FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE cl.subject_id = 'synth-shared'",
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(2);
  });
});
