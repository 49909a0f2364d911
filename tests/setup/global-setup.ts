/**
 * Starts one throwaway database server for the whole run (its own temporary folder, in memory when the
 * machine has room for it: see scratch.ts, and its own free port),
 * migrates and seeds one database in it, starts the service that test files with no settings of their own
 * share (in this process: the workers reach it over HTTP, as clients do), and brings dist/ and the typed
 * client documents up to date when their sources changed. Whatever happens (a failure halfway through, Ctrl-C, SIGTERM), the server is
 * stopped and its folder removed: here on failure, in global-teardown.ts after the run, and by the signal
 * and exit handlers below in between.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';
import { createDataSource, migrate } from '../../src/db/data-source';
import { loadFiles } from '../../src/ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { cloneDatabase, TEMPLATE_DATABASE } from '../support/database';
import { SOURCES_DIR, STATE_VARIABLE, type TestState } from '../support/environment';
import { SHARED_ADMISSION, SHARED_SERVICE_VARIABLE, startTestService } from '../support/service';
import { scratchBase, serverSettings } from './scratch';
import { registerCleanup, registerStopFirst, runCleanup } from './cleanup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIfStale } = require('../../scripts/build-if-stale.js') as { buildIfStale(): boolean };

const DATABASE = 'eurasia_graph_test';

export default async function globalSetup(): Promise<void> {
  buildIfStale(); // the service, the typed client documents and the explorer, each when its sources changed
  if (!SOURCES_DIR)
    process.stderr.write(
      '\nSOURCES_DIR is unset: the checks of quotes against their source documents are skipped. ' +
        'Set SOURCES_DIR to the folder of the source texts to run them.\n',
    );
  const base = scratchBase();
  const dataDir = fs.mkdtempSync(path.join(base, 'eurasia-graph-test-'));
  // the test files' own temporary folders go inside it (the workers inherit TMPDIR), so they are removed
  // with it, and their servers run on the same fast storage
  const scratch = path.join(dataDir, 'scratch');
  fs.mkdirSync(scratch);
  process.env.TMPDIR = scratch;
  let server: EmbeddedServer | undefined;
  registerCleanup(dataDir, () => server?.pid);
  try {
    server = await startEmbeddedServer({ dataDir, database: DATABASE, serverArgs: serverSettings(base) });
    const dataSource = createDataSource({ url: server.url, poolSize: 4 });
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      // the empty, migrated schema that tests' fresh databases are copied from (tests/support/database.ts)
      await dataSource.query(
        `CREATE DATABASE \`${TEMPLATE_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      await cloneDatabase(
        (sql, parameters) => dataSource.query(sql, parameters),
        DATABASE,
        TEMPLATE_DATABASE,
      );
      await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: SOURCES_DIR });
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await runCleanup();
    throw error;
  }
  const state: TestState = { databaseUrl: server.url, port: server.port, pid: server.pid, dataDir };
  process.env[STATE_VARIABLE] = JSON.stringify(state);
  try {
    const shared = await startTestService({ admission: SHARED_ADMISSION });
    registerStopFirst(() => shared.stop());
    process.env[SHARED_SERVICE_VARIABLE] = shared.url;
  } catch (error) {
    await runCleanup();
    throw error;
  }
}
