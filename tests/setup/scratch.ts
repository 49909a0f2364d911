/**
 * Where the test run keeps its files: its database server's folder and, through TMPDIR, every temporary
 * folder the test files make (the servers of the fault tests, redis, start-up folders). A throwaway
 * database does not need to survive a power cut, and on a disk every table created, copied or filled waits
 * for the disk to confirm it (several times slower here than the same work in memory), so the run prefers
 * a memory-backed folder when the machine has one with room to spare.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Set it to choose the folder yourself (say, a disk when memory is short). */
export const SCRATCH_VARIABLE = 'EURASIA_GRAPH_TEST_TMPDIR';

/** Linux's memory-backed folder, present on most distributions and in containers. */
const MEMORY_FOLDER = '/dev/shm';

/** TMPFS_MAGIC, the file system type statfs reports for tmpfs. */
const TMPFS = 0x01021994;

/**
 * A run needs a few hundred MB at its peak (the seeded server and the servers some test files start, each
 * with its redo log): below this much free memory the disk is the safer place. Containers often give
 * /dev/shm only 64 MB.
 */
const MIN_FREE_BYTES = 2 * 1024 ** 3;

/** The folder the run's temporary folders go under: SCRATCH_VARIABLE, else memory when roomy, else os.tmpdir(). */
export function scratchBase(): string {
  const chosen = process.env[SCRATCH_VARIABLE];
  if (chosen) return chosen;
  try {
    fs.accessSync(MEMORY_FOLDER, fs.constants.W_OK);
    const stats = fs.statfsSync(MEMORY_FOLDER);
    const free = stats.bavail * stats.bsize;
    if (stats.type === TMPFS && free >= MIN_FREE_BYTES && os.freemem() >= MIN_FREE_BYTES)
      return MEMORY_FOLDER;
  } catch {
    // no such folder (not Linux) or not writable
  }
  return os.tmpdir();
}
