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

/** The redo log size the synthetic loader asks for. */
const REDO_LOG_BYTES = 1024 ** 3;

/**
 * Server options for the run's database server in `base`. The synthetic graph's loader raises the redo log
 * and the buffer pool for its load and restores them afterwards (src/synthetic/load.ts): resizing a 96 MB
 * redo log to 1 GB and back takes about 3 s and a second and a half of CPU per load, and the test files load
 * four graphs. A server that starts with them has nothing to resize. The redo log is a file of that size,
 * so only where memory has room for it; the buffer pool is allocated as it fills. A throwaway server also
 * needs no flush of its log at every commit.
 */
export function serverSettings(base: string): string[] {
  const roomy = base === MEMORY_FOLDER && os.freemem() >= MIN_FREE_BYTES + REDO_LOG_BYTES;
  return [
    '--innodb-flush-log-at-trx-commit=2',
    '--innodb-buffer-pool-size=1G',
    ...(roomy ? [`--innodb-log-file-size=${REDO_LOG_BYTES}`] : []),
  ];
}
