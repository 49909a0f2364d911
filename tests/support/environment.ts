/** Where the test run's shared database is, and where the source documents are. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The folder of source documents' texts, from SOURCES_DIR. Unset (a plain clone), the checks of quotes
 * against their documents are skipped (tests/support/sources.ts) and everything else runs.
 */
export const SOURCES_DIR = process.env.SOURCES_DIR ? path.resolve(process.env.SOURCES_DIR) : undefined;

/** Set by the global setup; test workers inherit it. */
export const STATE_VARIABLE = 'EURASIA_GRAPH_TEST_DATABASE';

export interface TestState {
  databaseUrl: string;
  port: number;
  pid: number;
  dataDir: string;
}

export function testState(): TestState {
  const raw = process.env[STATE_VARIABLE];
  if (!raw) throw new Error('The test database is not running: run the tests with `npm test`.');
  return JSON.parse(raw) as TestState;
}
