/**
 * Tests that read the source documents' texts run only when SOURCES_DIR is set; the global setup prints
 * one line saying how to turn them on when it is not.
 */
import { SOURCES_DIR } from './environment';

/** `describe` when the source texts are available, else `describe.skip`. */
export const describeWithSources = SOURCES_DIR ? describe : describe.skip;

/** The source texts' folder, inside a `describeWithSources` block. */
export function sourcesDir(): string {
  if (!SOURCES_DIR) throw new Error('SOURCES_DIR is unset: run this test inside describeWithSources');
  return SOURCES_DIR;
}

/** `it` when the source texts are available, else `it.skip`. */
export const itWithSources = SOURCES_DIR ? it : it.skip;
