/**
 * Starts one throwaway database server for the whole run (its own temporary folder and free port),
 * migrates and seeds one database in it, and builds the service for tests that run it as a process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedServer } from '../../src/db/embedded-server';
import { createDataSource, migrate } from '../../src/db/data-source';
import { loadFiles } from '../../src/ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { SOURCES_DIR, STATE_VARIABLE, type TestState } from '../support/environment';

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-test-'));
  const server = await startEmbeddedServer({ dataDir, database: 'eurasia_graph_test' });
  const dataSource = createDataSource({ url: server.url, poolSize: 4 });
  await dataSource.initialize();
  await migrate(dataSource);
  await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: SOURCES_DIR });
  await dataSource.destroy();
  const state: TestState = { databaseUrl: server.url, port: server.port, pid: server.pid, dataDir };
  process.env[STATE_VARIABLE] = JSON.stringify(state);
  (globalThis as { __testDatabase?: typeof server }).__testDatabase = server;
}
