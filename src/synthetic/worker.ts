/**
 * Runs the generator on its own thread, so the main thread keeps the database busy while the next batch is
 * made. It answers each "next" message with one encoded batch, and with the checksums when it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateSyntheticGraph, type SyntheticOptions } from './generate';
import { TsvEncoder } from './tsv';

const { options, batchRows } = workerData as { options: SyntheticOptions; batchRows: number };
const batches = generateSyntheticGraph(options, batchRows);
const encoder = new TsvEncoder();

parentPort!.on('message', () => {
  try {
    const next = batches.next();
    if (next.done) parentPort!.postMessage({ done: true, summary: encoder.summary() });
    else parentPort!.postMessage({ done: false, tables: [...encoder.encode(next.value)] });
  } catch (error) {
    parentPort!.postMessage({ done: true, error: error instanceof Error ? error.stack : String(error) });
  }
});
