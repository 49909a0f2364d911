/**
 * Readiness: the database answers and every migration is applied. Nothing else: a busy pool is not a
 * reason to leave a load balancer, since every replica is equally busy in a flood and taking them all out
 * at once turns overload into an outage.
 *
 * So the check never goes through the pool, where it would wait behind the flood (or be refused by the
 * pool's full queue) and report "down" for a database that is merely busy. Each check opens a connection
 * of its own, asks for the applied migrations and closes it. A fresh connection rather than a kept one:
 * there is nothing to keep alive or to close at shutdown, a connection the server dropped while idle
 * (wait_timeout, a restart) cannot give a false "down", and being able to connect is exactly what the pool
 * needs to recover. Checks asked for while one runs share its answer, so a storm of probes opens one
 * connection at a time.
 */
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { MysqlConnectionCredentialsOptions } from 'typeorm/driver/mysql/MysqlConnectionCredentialsOptions';

export type Readiness =
  | { status: 'ready'; database: 'up'; migrations: 'applied' }
  | { status: 'unavailable'; database: 'up'; migrations: 'pending' }
  | { status: 'unavailable'; database: 'down' };

const DEFAULT_TIMEOUT_MS = 2000;
/** MySQL/MariaDB ER_NO_SUCH_TABLE: no migration has ever run. */
const NO_SUCH_TABLE = 1146;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      timer.unref();
    }),
  ]);
}

export class ReadinessCheck {
  private running: Promise<Readiness> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** The answer of the check in progress, or of a new one. */
  check(): Promise<Readiness> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<Readiness> {
    const connecting = mysql.createConnection({
      ...this.connectionOptions(),
      connectTimeout: this.timeoutMs,
    });
    let connection: mysql.Connection | undefined;
    try {
      connection = await withTimeout(connecting, this.timeoutMs);
      return await this.migrationsOn(connection);
    } catch {
      return { status: 'unavailable', database: 'down' };
    } finally {
      const close = (c: mysql.Connection) => void c.end().catch(() => c.destroy());
      // A connection that opens only after the check gave up is closed too.
      if (connection) close(connection);
      else connecting.then(close, () => undefined);
    }
  }

  private async migrationsOn(connection: mysql.Connection): Promise<Readiness> {
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    let applied: Set<string>;
    try {
      const [rows] = await connection.query({
        sql: `SELECT name FROM \`${table}\``,
        timeout: this.timeoutMs,
      });
      applied = new Set((rows as { name: string }[]).map((r) => r.name));
    } catch (error) {
      if ((error as { errno?: number }).errno === NO_SUCH_TABLE)
        return { status: 'unavailable', database: 'up', migrations: 'pending' };
      throw error;
    }
    // TypeORM names a migration by its `name`, else its class name (MigrationExecutor.getMigrations).
    const pending = this.dataSource.migrations.some((m) => !applied.has(m.name ?? m.constructor.name));
    return pending
      ? { status: 'unavailable', database: 'up', migrations: 'pending' }
      : { status: 'ready', database: 'up', migrations: 'applied' };
  }

  /** The data source's own server and credentials, for a connection outside its pool. */
  private connectionOptions(): mysql.ConnectionOptions {
    const o = this.dataSource.options as MysqlConnectionCredentialsOptions;
    if (o.url) return { uri: o.url };
    return {
      host: o.host,
      port: o.port,
      user: o.username,
      password: typeof o.password === 'string' ? o.password : undefined,
      database: o.database,
    };
  }
}
