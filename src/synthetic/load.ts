/**
 * Loading and removing the synthetic graph. The loader writes the base tables only (documents with their
 * texts, entities, names, claims, citations and the domain tables) with LOAD DATA in batches, then lets
 * the ingest rebuild everything derived across tables and refreshes the tables' statistics. Removal
 * deletes every row under the reserved id prefix, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { ENTITY_TYPES } from '../provenance/entity-types';
import { DERIVED_DATA_REFRESHERS, refreshDerivedData } from '../ingest/derived-data';
import { nextRevision, recordRevision } from '../revisions/record';
import { TABLE_COLUMNS } from '../ingest/written-columns';
import { generateSyntheticGraph, type SyntheticOptions } from './generate';
import { SYNTHETIC_ID_PREFIX } from './reserved';
import { TsvEncoder } from './tsv';
import { LoadRecord, missingIndexes, readPending, type PendingIndex } from './interrupted-load';
import { PhaseClock, localServerPid, type PhaseCost } from './phases';

export interface SyntheticLoadOptions extends SyntheticOptions {
  /** Rows per LOAD DATA batch (all tables together). */
  batchRows?: number;
  /**
   * Drop the written tables' secondary indexes for the load and build them again afterwards, which is much
   * faster for a large graph. The tables are then unindexed while it loads: for a database nobody is using.
   * Default: on from 50,000 events.
   */
  rebuildIndexes?: boolean;
  /** Progress lines go here. */
  log?: (line: string) => void;
  /** Stops the load before its next batch; the indexes and settings are put back before it returns. */
  signal?: AbortSignal;
}

export type TableSummary = Record<string, { rows: number; sha256: string }>;

export interface SyntheticLoadResult {
  /** Rows written and a checksum of their bytes, per table: equal for equal options. */
  tables: TableSummary;
  removedBefore: number;
  seconds: { generateAndLoad: number; indexes: number; derived: number; analyze: number; total: number };
  /** Wall and CPU seconds of each phase, in order. */
  phases: PhaseCost[];
}

/** Where each table keeps the id that carries the reserved prefix. */
const PREFIXED_COLUMN: Record<string, string> = {
  citation: 'document_id',
  claim: 'subject_id',
  entity_name: 'entity_id',
  entity: 'id',
  ...Object.fromEntries(Object.values(ENTITY_TYPES).map((s) => [s.table, 'id'])),
  document: 'id',
};

const REMOVE_CHUNK = 20_000;
const LOAD_CONNECTIONS = 2;

/**
 * Tables keyed by a hash (claims, citations): their rows arrive in no key order, so once the table outgrows
 * the buffer pool every insert reads and splits a random page. With `rebuildIndexes` they load without a
 * primary key (InnoDB appends to a hidden row id) and get it back, with their other indexes, from one
 * sorted rebuild; a duplicate id then fails that rebuild instead of being skipped.
 */
const KEYED_BY_HASH = new Set(['claim', 'citation']);

/**
 * Server settings for the load, where the server lets this session change them (the private server does),
 * each restored afterwards: a buffer pool that holds the hot pages, a redo log that does not force a
 * checkpoint every few batches, and no log flush per statement (the loader reloads from scratch anyway).
 */
const LOAD_SETTINGS: [name: string, value: number, atLeast: boolean][] = [
  ['innodb_buffer_pool_size', 1024 * 1024 * 1024, true],
  ['innodb_log_file_size', 1024 * 1024 * 1024, true],
  ['innodb_flush_log_at_trx_commit', 2, false],
];

/** Replaces any synthetic graph in the database with the one these options generate. */
export async function loadSyntheticGraph(
  dataSource: DataSource,
  url: string,
  options: SyntheticLoadOptions,
): Promise<SyntheticLoadResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const clock = new PhaseClock(await serverPid(dataSource), log);
  await repairInterruptedLoad(dataSource, log, clock);
  // the revision is numbered first, so the claims carry it as they load
  const revision = await allocateRevision(dataSource);
  const removed = new Map<string, number>();
  const removedBefore = await clock.time('remove the previous graph', () =>
    removeRows(dataSource, log, removed),
  );
  const record = new LoadRecord((sql, parameters) => dataSource.query(sql, parameters));
  const connections = await openConnections(url);
  let tables: TableSummary | undefined;
  let indexesBack = false;
  try {
    const restoreSettings = await applyLoadSettings(connections[0]!, record, log);
    try {
      const dropped =
        (options.rebuildIndexes ?? options.events >= 50_000)
          ? await clock.time('drop indexes', () => dropIndexes(dataSource, record, log))
          : [];
      try {
        tables = await clock.time('generate and load rows', () =>
          loadRows(connections, options, revision, started, log),
        );
      } finally {
        // The claims' and citations' indexes (the largest builds) start at once, one per connection, while
        // the derived data is refreshed on a third (its joins use primary keys, which stay; the sort keys it
        // writes then go into the sorted index builds instead of into indexes row by row); the other
        // tables' indexes follow it. After a failed load the indexes come back all the same.
        const loaded = tables !== undefined;
        await clock.time('indexes and derived data, side by side', () =>
          restoreIndexes(
            dropped,
            connections.map((c) => (sql: string) => c.query(sql)),
            clock,
            loaded ? () => refreshAll(dataSource, clock) : undefined,
            tables,
          ),
        );
        indexesBack = true;
      }
    } finally {
      await restoreSettings();
      // everything is back, also after a failed or stopped load: nothing for a later run to repair
      if (indexesBack) await record.clear();
    }
  } finally {
    await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
  }
  await clock.time('record the revision', () =>
    recordSyntheticRevision(dataSource, revision, tables!.claim?.rows ?? 0, removed.get('claim') ?? 0),
  );
  await clock.time('ANALYZE', () => analyzeTables(dataSource));
  return {
    tables,
    removedBefore,
    seconds: {
      generateAndLoad: clock.total('generate and load').wall,
      indexes: clock.total('indexes').wall,
      derived: clock.total('record').wall,
      analyze: clock.total('ANALYZE').wall,
      total: (Date.now() - started) / 1000,
    },
    phases: clock.phases,
  };
}

/**
 * Puts back what an interrupted load left changed (its dropped indexes and primary keys, its server
 * settings), as it recorded them; returns whether there was anything to put back. Every load and every
 * removal starts with it.
 */
export async function repairInterruptedLoad(
  dataSource: DataSource,
  log: (line: string) => void = () => undefined,
  clock = new PhaseClock(undefined, () => undefined),
): Promise<boolean> {
  const pending = await readPending(dataSource);
  if (!pending) return false;
  const missing = await missingIndexes(dataSource, pending.indexes);
  log(
    `  an earlier synthetic load did not finish: putting back ${missing.length} indexes and ${pending.settings.length} server settings`,
  );
  await clock.time('put back the indexes of an unfinished load', () =>
    restoreIndexes(missing, [(sql) => dataSource.query(sql)], clock),
  );
  for (const { name, before } of pending.settings)
    await dataSource
      .query(`SET GLOBAL ${name} = ${before}`)
      .catch((error: unknown) =>
        log(
          `  (could not put back ${name} = ${before}: ${error instanceof Error ? error.message : String(error)})`,
        ),
      );
  await new LoadRecord((sql, parameters) => dataSource.query(sql, parameters)).clear();
  return true;
}

async function openConnections(url: string): Promise<mysql.Connection[]> {
  return Promise.all(
    Array.from({ length: LOAD_CONNECTIONS }, () =>
      mysql.createConnection({ uri: url, charset: 'UTF8MB4_UNICODE_CI' }),
    ),
  );
}

const serverPid = (dataSource: DataSource) =>
  localServerPid((sql) => dataSource.query(sql) as Promise<{ pidFile: string | null }[]>);

/** Generates the rows and loads them, batch by batch, over the connections; returns the per-table checksums. */
async function loadRows(
  connections: mysql.Connection[],
  options: SyntheticLoadOptions,
  revision: number,
  started: number,
  log: (line: string) => void,
): Promise<TableSummary> {
  for (const c of connections) await c.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  try {
    const written = new Map<string, number>();
    const busy = new Map<string, number>();
    let lastReport = Date.now();
    const tables = await forEachBatch(options, async (batch) => {
      options.signal?.throwIfAborted();
      // largest first, over a few connections: the tables load side by side
      const queue = [...batch].sort((a, b) => b[1].length - a[1].length);
      await Promise.all(
        connections.map(async (connection) => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [table, bytes] = next;
            const t0 = Date.now();
            await loadTable(connection, table, bytes, table === 'claim' ? revision : undefined);
            written.set(table, (written.get(table) ?? 0) + countLines(bytes));
            busy.set(table, (busy.get(table) ?? 0) + Date.now() - t0);
          }
        }),
      );
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(
          `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${written.get('event') ?? 0} events, ${written.get('claim') ?? 0} claims, ${written.get('citation') ?? 0} citations`,
        );
      }
    });
    log(
      `  seconds spent loading each table (two connections side by side): ${[...busy]
        .sort((a, b) => b[1] - a[1])
        .map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)}`)
        .join(', ')}`,
    );
    for (const [table, { rows }] of Object.entries(tables)) {
      if (written.get(table) !== rows)
        throw new Error(`table ${table}: generated ${rows} rows but wrote ${written.get(table) ?? 0}`);
    }
    return tables;
  } finally {
    // the index builds that follow on these connections check keys again
    for (const c of connections)
      await c.query('SET SESSION unique_checks = 1, foreign_key_checks = 1').catch(() => undefined);
  }
}

/** Deletes every synthetic row; returns how many rows each table lost. */
export async function removeSyntheticGraph(
  dataSource: DataSource,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  // a killed load may have left claims and citations without their keys: removing would then scan them
  await repairInterruptedLoad(dataSource, log);
  const perTable = new Map<string, number>();
  const removed = await removeRows(dataSource, log, perTable);
  await refreshAll(dataSource);
  // removing nothing changes nothing: no revision
  if (removed > 0)
    await recordSyntheticRevision(
      dataSource,
      await allocateRevision(dataSource),
      0,
      perTable.get('claim') ?? 0,
    );
  await analyzeTables(dataSource);
  return removed;
}

/** Rebuilds the derived data and the statistics: after migrations that add derived columns to loaded data. */
export async function refreshDerivedDataAndStatistics(dataSource: DataSource): Promise<void> {
  await refreshAll(dataSource);
  await analyzeTables(dataSource);
}

/** How many synthetic documents, entities, claims and citations the database holds. */
export async function countSyntheticRows(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['document', 'entity', 'claim', 'citation']) {
    const [row] = (await dataSource.query(
      `SELECT COUNT(*) AS n FROM \`${table}\` WHERE \`${PREFIXED_COLUMN[table]}\` LIKE ?`,
      [`${SYNTHETIC_ID_PREFIX}%`],
    )) as { n: string | number }[];
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

async function removeRows(
  dataSource: DataSource,
  log: (line: string) => void,
  perTable?: Map<string, number>,
): Promise<number> {
  let total = 0;
  for (const [table, column] of Object.entries(PREFIXED_COLUMN)) {
    let removed = 0;
    for (;;) {
      // small transactions: a million-event graph is removed without one giant undo log
      const result = (await dataSource.query(
        `DELETE FROM \`${table}\` WHERE \`${column}\` LIKE ? LIMIT ${REMOVE_CHUNK}`,
        [`${SYNTHETIC_ID_PREFIX}%`],
      )) as { affectedRows?: number };
      const n = result.affectedRows ?? 0;
      removed += n;
      if (n < REMOVE_CHUNK) break;
    }
    if (removed > 0) log(`  removed ${removed} synthetic rows from ${table}`);
    perTable?.set(table, removed);
    total += removed;
  }
  return total;
}

/** Advances the data version for a synthetic load or removal; its number names the revision recorded after. */
async function allocateRevision(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const revision = await nextRevision(runner);
    await runner.commitTransaction();
    return revision;
  } finally {
    await runner.release();
  }
}

/**
 * The revision of a synthetic load or removal, with set-based statements over the reserved id range: every
 * synthetic entity enters the change feed (removed unless the load wrote it again), and the revision lists
 * the synthetic documents it loaded.
 */
async function recordSyntheticRevision(
  dataSource: DataSource,
  revision: number,
  claimsAdded: number,
  claimsRemoved: number,
): Promise<void> {
  const prefix = `${SYNTHETIC_ID_PREFIX}%`;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      await runner.query('UPDATE entity_change SET removed = 1, revision_id = ? WHERE id LIKE ?', [
        revision,
        prefix,
      ]);
      await runner.query(
        `INSERT INTO entity_change (id, type, revision_id, removed) SELECT id, type, ?, 0 FROM entity WHERE id LIKE ?
         ON DUPLICATE KEY UPDATE type = VALUES(type), revision_id = VALUES(revision_id), removed = 0`,
        [revision, prefix],
      );
      const [counted] = (await runner.query('SELECT COUNT(*) AS n FROM entity_change WHERE revision_id = ?', [
        revision,
      ])) as { n: string | number }[];
      await recordRevision(runner, {
        id: revision,
        source: 'SYNTHETIC',
        documents: { select: 'SELECT id FROM document WHERE id LIKE ?', params: [prefix] },
        counts: { added: claimsAdded, changed: 0, deprecated: 0, removed: claimsRemoved },
        changedEntities: new Map(),
        removedEntities: new Set(),
        entitiesChanged: Number(counted?.n ?? 0),
      });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

async function refreshAll(dataSource: DataSource, clock?: PhaseClock): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      if (!clock) await refreshDerivedData(runner, 'all');
      else
        for (const refresher of DERIVED_DATA_REFRESHERS)
          await clock.time(`derived: ${refresher.name}`, () => refresher.refresh(runner, 'all'), {
            part: true,
          });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** Statistics as they are after the load, so plans and full-text relevance see the real table sizes. */
async function analyzeTables(dataSource: DataSource): Promise<void> {
  const rows = (await dataSource.query('SHOW FULL TABLES WHERE Table_type = ?', ['BASE TABLE'])) as Record<
    string,
    string
  >[];
  const names = rows.map((r) => Object.values(r)[0]!);
  await dataSource.query(`ANALYZE TABLE ${names.map((n) => `\`${n}\``).join(', ')}`);
}

/**
 * Drops every secondary index of the tables the loader writes (an index a foreign key needs stays), and the
 * primary keys of the tables keyed by a hash; each is recorded before it goes.
 */
async function dropIndexes(
  dataSource: DataSource,
  record: LoadRecord,
  log: (line: string) => void,
): Promise<PendingIndex[]> {
  const dropped: PendingIndex[] = [];
  for (const table of Object.keys(TABLE_COLUMNS)) {
    const [row] = (await dataSource.query(`SHOW CREATE TABLE \`${table}\``)) as Record<string, string>[];
    const lines = (row?.['Create Table'] ?? '').split('\n');
    const primary = lines.map((l) => /^\s*(PRIMARY KEY \(.*\)),?$/.exec(l)?.[1]).find(Boolean);
    const indexes: PendingIndex[] = [];
    for (const line of lines) {
      const match = /^\s*((?:UNIQUE |FULLTEXT |SPATIAL )?KEY `([^`]+)` .*?),?$/.exec(line);
      if (match) indexes.push({ table, name: match[2]!, definition: match[1]! });
    }
    if (KEYED_BY_HASH.has(table) && primary) indexes.push({ table, name: 'PRIMARY', definition: primary });
    if (indexes.length === 0) continue;
    for (const index of indexes) await record.index(index);
    const drop = (i: PendingIndex) =>
      i.name === 'PRIMARY' ? 'DROP PRIMARY KEY' : `DROP INDEX \`${i.name}\``;
    try {
      // one statement per table: the table is rebuilt at most once
      await dataSource.query(`ALTER TABLE \`${table}\` ${indexes.map(drop).join(', ')}`);
      dropped.push(...indexes);
    } catch {
      for (const index of indexes) {
        try {
          await dataSource.query(`ALTER TABLE \`${table}\` ${drop(index)}`);
          dropped.push(index);
        } catch {
          // still needed (by a foreign key): it stays, and is maintained during the load
        }
      }
    }
  }
  log(`  dropped ${dropped.length} indexes for the load`);
  return dropped;
}

/**
 * Adds the indexes back, one ALTER TABLE per table (the primary key first, so the table is rebuilt once),
 * on as many lanes as `lanes` gives, heaviest first. `beside` (the derived data), when given, runs meanwhile
 * on a connection of its own. It never reads the tables keyed by a hash (claims, citations, the largest), so
 * those start at once, one per lane; every other table waits until `beside` has finished, since it may read
 * or write it. Every lane runs to its end even when another fails.
 */
async function restoreIndexes(
  indexes: PendingIndex[],
  lanes: ((sql: string) => Promise<unknown>)[],
  clock: PhaseClock,
  beside?: () => Promise<void>,
  /** Rows per table when known (the server's estimates lag behind a load into a table without a key). */
  knownRows?: TableSummary,
): Promise<void> {
  const byTable = new Map<string, PendingIndex[]>();
  for (const index of indexes) {
    const list = byTable.get(index.table) ?? [];
    if (index.name === 'PRIMARY') list.unshift(index);
    else list.push(index);
    byTable.set(index.table, list);
  }
  const rows = knownRows
    ? new Map(Object.entries(knownRows).map(([t, { rows: n }]) => [t, n]))
    : await tableRows(lanes[0]!, [...byTable.keys()]);
  // the work of a table's rebuild: its rows times its indexes, a full-text index weighing as four
  const weight = (list: PendingIndex[]) =>
    list.reduce((n, i) => n + (i.definition.startsWith('FULLTEXT') ? 4 : 1), 0);
  const queue = [...byTable]
    .map(([table, list]) => ({ table, list, weight: (rows.get(table) ?? 0) * weight(list) }))
    .sort((a, b) => b.weight - a.weight);
  const build = (run: (sql: string) => Promise<unknown>, task: (typeof queue)[number]) =>
    clock.time(
      `indexes of ${task.table}`,
      () => run(`ALTER TABLE \`${task.table}\` ${task.list.map((i) => `ADD ${i.definition}`).join(', ')}`),
      { part: true },
    );
  const besideRun = beside && lanes.length > 1 ? beside() : undefined;
  const independent = () => {
    const at = queue.findIndex((task) => KEYED_BY_HASH.has(task.table));
    return at < 0 ? undefined : queue.splice(at, 1)[0];
  };
  const outcomes = await Promise.allSettled([
    ...(besideRun ? [besideRun] : []),
    ...lanes.map(async (run) => {
      for (let next = independent(); next; next = independent()) await build(run, next);
      await besideRun?.catch(() => undefined);
      for (let next = queue.shift(); next; next = queue.shift()) await build(run, next);
    }),
  ]);
  // with a single lane it runs after the indexes
  if (beside && !besideRun) await beside();
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Rows of each table, as the server estimates them: which index builds take longest. */
async function tableRows(
  run: (sql: string) => Promise<unknown>,
  tables: string[],
): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const result = (await run(
    `SELECT TABLE_NAME AS t, TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${tables.map((t) => `'${t}'`).join(', ')})`,
  )) as unknown;
  // a mysql2 connection answers [rows, fields]; a TypeORM data source answers the rows
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
    t: string;
    n: string | number;
  }[];
  return new Map(rows.map((r) => [r.t, Number(r.n)]));
}

/** Loads one table's rows; claims also get the revision that loads them (`revision`). */
async function loadTable(
  connection: mysql.Connection,
  table: string,
  bytes: Buffer,
  revision?: number,
): Promise<void> {
  const columns = TABLE_COLUMNS[table];
  if (!columns) throw new Error(`no columns known for table ${table}`);
  const expected = countLines(bytes);
  const [result] = (await connection.query({
    sql:
      `LOAD DATA LOCAL INFILE 'synthetic.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map((c) => `\`${c}\``).join(', ')})` +
      (revision === undefined
        ? ''
        : ` SET first_revision = ${revision}, last_changed_revision = ${revision}`),
    infileStreamFactory: () => Readable.from([bytes]),
  })) as unknown as [{ affectedRows: number; warningStatus: number }];
  // LOCAL implies IGNORE: a duplicate key or a bad value is only a warning, so count what arrived
  if (result.affectedRows !== expected || result.warningStatus > 0) {
    const [warnings] = (await connection.query('SHOW WARNINGS LIMIT 3')) as unknown as [
      { Message: string }[],
    ];
    throw new Error(
      `LOAD DATA into ${table} wrote ${result.affectedRows} of ${expected} rows: ${warnings.map((w) => w.Message).join('; ') || 'no warning given'}`,
    );
  }
}

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) n += 1;
  return n;
}

/** Applies LOAD_SETTINGS where the server allows, each recorded first; returns what puts them back. */
async function applyLoadSettings(
  connection: mysql.Connection,
  record: LoadRecord,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const restores: string[] = [];
  for (const [name, value, atLeast] of LOAD_SETTINGS) {
    const [[row]] = (await connection.query(`SELECT @@GLOBAL.${name} AS v`)) as unknown as [
      { v: string | number }[],
    ];
    const before = Number(row?.v ?? 0);
    if (atLeast ? before >= value : before === value) continue;
    try {
      await record.setting({ name, before });
      await connection.query(`SET GLOBAL ${name} = ${value}`);
      restores.unshift(`SET GLOBAL ${name} = ${before}`);
    } catch (error) {
      log(
        `  (kept ${name} = ${before} for the load: ${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return async () => {
    for (const sql of restores) await connection.query(sql);
  };
}

/**
 * Feeds encoded batches to `load`, one at a time, while the next one is generated: on a worker thread when
 * the compiled worker is there, otherwise on this thread. Returns the per-table checksums.
 */
async function forEachBatch(
  options: SyntheticLoadOptions,
  load: (batch: Map<string, Buffer>) => Promise<void>,
): Promise<TableSummary> {
  const batchRows = options.batchRows ?? 100_000;
  const generatorOptions: SyntheticOptions = { events: options.events, seed: options.seed };
  const workerFile = path.join(__dirname, 'worker.js');
  if (!fs.existsSync(workerFile)) {
    const encoder = new TsvEncoder();
    for (const batch of generateSyntheticGraph(generatorOptions, batchRows))
      await load(encoder.encode(batch));
    return encoder.summary();
  }
  const worker = new Worker(workerFile, {
    workerData: { options: generatorOptions, batchRows },
    // the generator makes many short-lived objects: a larger young generation spends less time collecting
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
  type Message =
    { done: false; tables: [string, Uint8Array][] } | { done: true; summary?: TableSummary; error?: string };
  const inbox: Message[] = [];
  let waiting: ((m: Message) => void) | undefined;
  let failure: Error | undefined;
  worker.on('message', (m: Message) => (waiting ? (waiting(m), (waiting = undefined)) : inbox.push(m)));
  worker.on('error', (e) => (failure = e));
  const receive = () =>
    failure
      ? Promise.reject(failure)
      : inbox.length
        ? Promise.resolve(inbox.shift()!)
        : new Promise<Message>((resolve) => (waiting = resolve));
  try {
    worker.postMessage('next');
    for (;;) {
      const message = await receive();
      if (message.done) {
        if (message.error) throw new Error(`the synthetic generator failed: ${message.error}`);
        return message.summary!;
      }
      worker.postMessage('next'); // generate the next batch while this one loads
      await load(
        new Map(message.tables.map(([t, b]) => [t, Buffer.from(b.buffer, b.byteOffset, b.byteLength)])),
      );
    }
  } finally {
    await worker.terminate();
  }
}
