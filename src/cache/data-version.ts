/**
 * The data version: a number in the database that every ingest changing anything advances inside its own
 * transaction. Caches key on it, so a new version makes every older answer unreachable at once.
 *
 * Reading it for every request would cost a round trip per cache hit, so a reader keeps the last value and
 * reads again when it is older than `maxAgeMs`. The bound: a request that starts more than `maxAgeMs`
 * after an ingest commits never gets an answer from before that ingest. A read's age counts from when it
 * was sent, so a read that raced the commit is not trusted beyond the bound either. With `maxAgeMs` 0 every
 * request reads it.
 *
 * Under steady traffic the value is read again ahead of time: a request that finds it older than half the
 * bound starts a read in the background and is answered with the value it found, which is still within the
 * bound. So no request waits for the statement, at most one runs per half bound, and none runs while the
 * service is idle. The bound itself is unchanged: a value is never used once it is older than `maxAgeMs`.
 *
 * A request never waits long for it: when the database is slow or down, `readWithin` gives up and the
 * request is answered as if there were no cache (src/cache/response-cache.ts).
 */
import type { DataSource, QueryRunner } from 'typeorm';

const READ_VERSION = 'SELECT version FROM data_version WHERE id = 1';

/** Advances the data version; call inside the transaction that changes the data. */
export async function advanceDataVersion(runner: QueryRunner): Promise<void> {
  await runner.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
}

export class DataVersionReader {
  private value: string | undefined;
  /** When the read that produced `value` was sent (ms since the epoch). */
  private readAt = 0;
  private inFlight: Promise<string> | undefined;
  private inFlightSentAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly maxAgeMs: number,
  ) {}

  /**
   * The version if the last read is recent enough, else undefined (then call `read`). Past half the bound
   * it starts the next read, without waiting for it.
   */
  current(now = Date.now()): string | undefined {
    if (this.value === undefined) return undefined;
    const age = now - this.readAt;
    if (age > this.maxAgeMs) return undefined;
    if (2 * age > this.maxAgeMs && this.inFlight === undefined) this.read().catch(() => undefined);
    return this.value;
  }

  /**
   * The version as the database has it; callers share a read already under way when it was sent recently
   * enough to be trusted (within the bound), so a burst of requests costs one statement.
   */
  read(): Promise<string> {
    if (this.inFlight && Date.now() - this.inFlightSentAt <= this.maxAgeMs) return this.inFlight;
    const sentAt = Date.now();
    const reading = (async () => {
      const rows = (await this.dataSource.query(READ_VERSION)) as { version: string | number }[];
      const version = rows[0] === undefined ? '0' : String(rows[0].version);
      if (sentAt >= this.readAt) {
        this.value = version;
        this.readAt = sentAt;
      }
      return version;
    })();
    this.inFlight = reading;
    this.inFlightSentAt = sentAt;
    void reading
      .finally(() => {
        if (this.inFlight === reading) this.inFlight = undefined;
      })
      .catch(() => undefined);
    return reading;
  }

  /** The version, or undefined when it cannot be read within `waitMs` (the database slow or down). */
  async readWithin(waitMs: number): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return await Promise.race([this.read(), giveUp]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
