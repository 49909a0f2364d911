/**
 * A large synthetic load drops indexes and primary keys and raises server settings for its duration. These
 * tests interrupt one (killed outright, and stopped by its signal) and check that the database is put back
 * as it was. They use a server of their own, since the settings are the whole server's.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../src/db/data-source';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import { countSyntheticRows, loadSyntheticGraph } from '../../src/synthetic/load';
import { ROOT } from '../support/environment';

const SETTINGS = ['innodb_buffer_pool_size', 'innodb_log_file_size', 'innodb_flush_log_at_trx_commit'];

let folder: string;
let server: EmbeddedServer;
let dataSource: DataSource;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-interrupted-'));
  server = await startEmbeddedServer({ dataDir: folder, database: 'interrupted_load' });
  dataSource = createDataSource({ url: server.url, poolSize: 2 });
  await dataSource.initialize();
  await migrate(dataSource);
}, 120_000);
afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const indexes = () =>
  dataSource.query(
    `SELECT table_name AS t, index_name AS i, seq_in_index AS s, column_name AS c, non_unique AS u, index_type AS k
       FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY t, i, s`,
  ) as Promise<unknown[]>;
const settings = async () =>
  (
    (await dataSource.query(`SELECT ${SETTINGS.map((s) => `@@GLOBAL.${s} AS ${s}`).join(', ')}`)) as Record<
      string,
      string
    >[]
  )[0];
const hasRecord = async () =>
  Number(
    (
      (await dataSource.query(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'synthetic_load_pending'",
      )) as { n: string }[]
    )[0]!.n,
  ) === 1;

/** The loader on a process of its own, rebuilding indexes, in small batches so that it runs a while. */
const LOADER = `
const { createDataSource } = require(${JSON.stringify(path.join(ROOT, 'dist', 'db', 'data-source.js'))});
const { loadSyntheticGraph } = require(${JSON.stringify(path.join(ROOT, 'dist', 'synthetic', 'load.js'))});
const url = process.env.DATABASE_URL;
const dataSource = createDataSource({ url, poolSize: 2 });
dataSource.initialize().then(() => loadSyntheticGraph(dataSource, url, {
  events: 4000, seed: 5, rebuildIndexes: true, batchRows: 500, log: (line) => process.stderr.write(line + '\\n'),
}));
`;

describe('Synthetic graph: an interrupted large load', () => {
  it('killed half-way, leaves a record from which --remove puts back every index, primary key and setting', async () => {
    const indexesBefore = await indexes();
    const settingsBefore = await settings();
    const child = spawn(process.execPath, ['-e', LOADER], {
      env: { ...process.env, DATABASE_URL: server.url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      // kill it once some citations have arrived in their table, which then has no primary key
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the loader ended before it was killed:\n${stderr}`);
        if ((await countSyntheticRows(dataSource))['citation']! > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(await hasRecord()).toBe(true);
    const left = (await indexes()) as { t: string; i: string }[];
    expect(left.some((r) => r.t === 'citation' && r.i === 'PRIMARY')).toBe(false);
    expect(left.length).toBeLessThan(indexesBefore.length);

    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'synthetic', 'cli.js'), '--remove'], {
      env: { ...process.env, DATABASE_URL: server.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/an earlier synthetic load did not finish: putting back \d+ indexes/);
    expect(run.status).toBe(0);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await settings()).toEqual(settingsBefore);
    expect(await hasRecord()).toBe(false);
    expect(await countSyntheticRows(dataSource)).toEqual({ document: 0, entity: 0, claim: 0, citation: 0 });
  }, 240_000);

  it('stopped by its signal, puts everything back itself before it returns', async () => {
    const indexesBefore = await indexes();
    const settingsBefore = await settings();
    const stop = new AbortController();
    const lines: string[] = [];
    const load = loadSyntheticGraph(dataSource, server.url, {
      events: 4000,
      seed: 5,
      rebuildIndexes: true,
      batchRows: 500,
      signal: stop.signal,
      log: (line) => {
        lines.push(line);
        if (/dropped \d+ indexes/.test(line)) stop.abort();
      },
    });
    await expect(load).rejects.toThrow(/aborted/i);
    expect(lines.some((l) => /dropped \d+ indexes/.test(l))).toBe(true);
    expect(await indexes()).toEqual(indexesBefore);
    expect(await settings()).toEqual(settingsBefore);
    expect(await hasRecord()).toBe(false);
  }, 240_000);
});
