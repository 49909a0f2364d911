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
}

export type TableSummary = Record<string, { rows: number; sha256: string }>;

export interface SyntheticLoadResult {
  /** Rows written and a checksum of their bytes, per table: equal for equal options. */
  tables: TableSummary;
  removedBefore: number;
  seconds: { generateAndLoad: number; indexes: number; derived: number; analyze: number; total: number };
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
  // the revision is numbered first, so the claims carry it as they load
  const revision = await allocateRevision(dataSource);
  const removed = new Map<string, number>();
  const removedBefore = await removeRows(dataSource, log, removed);
  const connections = await Promise.all(
    Array.from({ length: LOAD_CONNECTIONS }, () =>
      mysql.createConnection({ uri: url, charset: 'UTF8MB4_UNICODE_CI' }),
    ),
  );
  const restore = await applyLoadSettings(connections[0]!, log);
  const dropped =
    (options.rebuildIndexes ?? options.events >= 50_000) ? await dropIndexes(dataSource, log) : [];
  let tables: TableSummary;
  let indexed: number;
  let refreshed: number;
  try {
    for (const c of connections) await c.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const written = new Map<string, number>();
    const busy = new Map<string, number>();
    let lastReport = Date.now();
    tables = await forEachBatch(options, async (batch) => {
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
      `  seconds spent loading each table: ${[...busy]
        .sort((a, b) => b[1] - a[1])
        .map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)}`)
        .join(', ')}`,
    );
    for (const [table, { rows }] of Object.entries(tables)) {
      if (written.get(table) !== rows)
        throw new Error(`table ${table}: generated ${rows} rows but wrote ${written.get(table) ?? 0}`);
    }
    log(`  generated and loaded the rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // before the indexes come back: the refreshers join on primary keys only, and the sort keys they
    // write then go to no secondary index row by row but into the sorted index builds
    refreshed = Date.now();
    await refreshAll(dataSource, log);
    refreshed = Date.now() - refreshed;
  } finally {
    indexed = Date.now();
    await addIndexes(dataSource, dropped, log);
    indexed = Date.now() - indexed;
    await restore();
    await Promise.all(connections.map((c) => c.end()));
  }
  const loaded = Date.now();
  const recording = Date.now();
  await recordSyntheticRevision(dataSource, revision, tables.claim?.rows ?? 0, removed.get('claim') ?? 0);
  log(
    `  recorded revision ${revision} (its change feed and documents) in ${((Date.now() - recording) / 1000).toFixed(1)} s`,
  );
  const derived = Date.now();
  await analyzeTables(dataSource);
  const done = Date.now();
  return {
    tables,
    removedBefore,
    seconds: {
      generateAndLoad: (loaded - started - indexed - refreshed) / 1000,
      indexes: indexed / 1000,
      derived: (derived - loaded + refreshed) / 1000,
      analyze: (done - derived) / 1000,
      total: (done - started) / 1000,
    },
  };
}

/** Deletes every synthetic row; returns how many rows each table lost. */
export async function removeSyntheticGraph(
  dataSource: DataSource,
  log: (line: string) => void = () => undefined,
): Promise<number> {
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

async function refreshAll(dataSource: DataSource, log?: (line: string) => void): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      if (!log) await refreshDerivedData(runner, 'all');
      else
        for (const refresher of DERIVED_DATA_REFRESHERS) {
          const t0 = Date.now();
          await refresher.refresh(runner, 'all');
          log(`  refreshed ${refresher.name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
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

interface DroppedIndexes {
  table: string;
  /** Each index as SHOW CREATE TABLE prints it, ready for ALTER TABLE ... ADD. */
  definitions: string[];
}

/** Drops every secondary index of the tables the loader writes (an index a foreign key needs stays). */
async function dropIndexes(dataSource: DataSource, log: (line: string) => void): Promise<DroppedIndexes[]> {
  const dropped: DroppedIndexes[] = [];
  for (const table of Object.keys(TABLE_COLUMNS)) {
    const [row] = (await dataSource.query(`SHOW CREATE TABLE \`${table}\``)) as Record<string, string>[];
    const definitions: string[] = [];
    const lines = (row?.['Create Table'] ?? '').split('\n');
    for (const line of lines) {
      const match = /^\s*((?:UNIQUE |FULLTEXT |SPATIAL )?KEY `([^`]+)` .*?),?$/.exec(line);
      if (!match) continue;
      try {
        await dataSource.query(`ALTER TABLE \`${table}\` DROP INDEX \`${match[2]}\``);
        definitions.push(match[1]!);
      } catch {
        // still needed (by a foreign key): it stays, and is maintained during the load
      }
    }
    const primary = lines.map((l) => /^\s*(PRIMARY KEY \(.*\)),?$/.exec(l)?.[1]).find(Boolean);
    if (KEYED_BY_HASH.has(table) && primary) {
      await dataSource.query(`ALTER TABLE \`${table}\` DROP PRIMARY KEY`);
      definitions.unshift(primary);
    }
    if (definitions.length > 0) dropped.push({ table, definitions });
  }
  log(`  dropped ${dropped.reduce((n, d) => n + d.definitions.length, 0)} indexes for the load`);
  return dropped;
}

async function addIndexes(
  dataSource: DataSource,
  dropped: DroppedIndexes[],
  log: (line: string) => void,
): Promise<void> {
  for (const { table, definitions } of dropped) {
    const t0 = Date.now();
    await dataSource.query(`ALTER TABLE \`${table}\` ${definitions.map((d) => `ADD ${d}`).join(', ')}`);
    log(`  indexed ${table} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
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

/** Applies LOAD_SETTINGS where the server allows; returns what puts the previous values back. */
async function applyLoadSettings(
  connection: mysql.Connection,
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
      await connection.query(`SET GLOBAL ${name} = ${value}`);
      restores.unshift(`SET GLOBAL ${name} = ${before}`);
    } catch (error) {
      log(
        `  (kept ${name} = ${before} for the load: ${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return async () => {
    for (const sql of restores) await connection.query(sql).catch(() => undefined);
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
  const worker = new Worker(workerFile, { workerData: { options: generatorOptions, batchRows } });
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
