/**
 * Prepares the scale run: one private MariaDB with two databases holding the curated seed and a synthetic
 * graph loaded with `seed:synthetic`: 1,000 events (the small size) and SCALE_EVENTS events (default 100,000).
 * Both graphs come from the same seed, so they have the same shape and differ in size only.
 * SCALE_DATA_DIR keeps the server's folder between runs (and reuses it when it holds the same size);
 * otherwise a temporary folder is used and removed. The server is stopped even when preparing fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/db/embedded-server';
import { createDataSource, migrate } from '../../../src/db/data-source';
import { loadFiles } from '../../../src/ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../../../src/ingest/read-inputs';
import { SOURCES_DIR, STATE_VARIABLE, type TestState } from '../../support/environment';
import { SCALE_STATE_VARIABLE, type ScaleState } from './scale-state';

const SMALL_DATABASE = 'scale_small';
const SMALL_EVENTS = 1_000;
const LARGE_DATABASE = 'scale_large';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
    },
  );
  const events = Number(process.env.SCALE_EVENTS ?? 100_000);
  if (!Number.isInteger(events) || events < 1)
    throw new Error(`SCALE_EVENTS=${process.env.SCALE_EVENTS} is not a positive integer`);
  const kept = process.env.SCALE_DATA_DIR ? path.resolve(process.env.SCALE_DATA_DIR) : undefined;
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-scale-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const marker = path.join(dataDir, 'prepared.json');
  const reuse =
    kept !== undefined &&
    fs.existsSync(marker) &&
    JSON.parse(fs.readFileSync(marker, 'utf8')).events === events;

  const server = await startEmbeddedServer({ dataDir, database: SMALL_DATABASE });
  (globalThis as { __scaleDatabase?: { server: EmbeddedServer; remove: boolean } }).__scaleDatabase = {
    server,
    remove: kept === undefined,
  };
  try {
    const url = (name: string) => server.url.replace(/\/[^/]+$/, `/${name}`);
    if (!reuse) {
      fs.rmSync(marker, { force: true });
      const admin = await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
      for (const name of [SMALL_DATABASE, LARGE_DATABASE]) {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      }
      await admin.end();
      for (const name of [SMALL_DATABASE, LARGE_DATABASE]) {
        const dataSource = createDataSource({ url: url(name), poolSize: 2 });
        await dataSource.initialize();
        await migrate(dataSource);
        await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: SOURCES_DIR });
        await dataSource.destroy();
      }
      for (const [name, size] of [
        [SMALL_DATABASE, SMALL_EVENTS],
        [LARGE_DATABASE, events],
      ] as const) {
        process.stdout.write(`\nloading a synthetic graph of ${size} events into ${name}...\n`);
        execFileSync(
          process.execPath,
          [path.join(root, 'dist', 'synthetic', 'cli.js'), '--events', String(size), '--seed', '1'],
          {
            env: { ...process.env, DATABASE_URL: url(name), LOG_LEVEL: 'silent' },
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
      }
      fs.writeFileSync(marker, JSON.stringify({ events }));
    }
    const state: ScaleState = {
      smallUrl: url(SMALL_DATABASE),
      smallEvents: SMALL_EVENTS,
      largeUrl: url(LARGE_DATABASE),
      events,
    };
    process.env[SCALE_STATE_VARIABLE] = JSON.stringify(state);
    const testState: TestState = { databaseUrl: state.largeUrl, port: server.port, pid: server.pid, dataDir };
    process.env[STATE_VARIABLE] = JSON.stringify(testState);
  } catch (error) {
    await server.stop();
    if (kept === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
