/**
 * The cluster's databases: one MariaDB primary writing a binary log, and replicas following it by GTID
 * (MariaDB's own replication). Each is a private server (src/db/embedded-server.ts) with its own folder
 * and port; each can be stopped, killed and started again on the same folder and port, as in an outage.
 */
import mysql from 'mysql2/promise';
import path from 'node:path';
import { startEmbeddedServer, type EmbeddedServer } from '../db/embedded-server';

export const CLUSTER_DATABASE = 'eurasia_graph';
const REPLICATION_USER = 'replication';
const REPLICATION_PASSWORD = 'replication-local-only';

export class DatabaseNode {
  private server: EmbeddedServer | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly serverArgs: string[],
  ) {}

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}/${CLUSTER_DATABASE}`;
  }

  get pid(): number | undefined {
    return this.server?.pid;
  }

  running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await startEmbeddedServer({
      dataDir: this.dataDir,
      database: CLUSTER_DATABASE,
      port: this.port,
      serverArgs: this.serverArgs,
    });
  }

  /** SIGTERM (a clean shutdown) or SIGKILL (a crash); waits until the process has exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    if (signal === 'SIGKILL') {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.stop();
  }

  /** A connection as root, for setting replication up and for checks. */
  connect(): Promise<mysql.Connection> {
    return mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
  }
}

export function primaryNode(dir: string, port: number): DatabaseNode {
  return new DatabaseNode('primary', port, path.join(dir, 'primary'), [
    '--server-id=1',
    '--log-bin=primary-bin',
    '--binlog-format=ROW',
  ]);
}

export function replicaNode(dir: string, i: number, port: number): DatabaseNode {
  return new DatabaseNode(`replica-${i + 1}`, port, path.join(dir, `replica-${i + 1}`), [
    `--server-id=${i + 2}`,
    '--relay-log=relay-bin',
    '--read-only=ON',
  ]);
}

/** The account replicas connect with; kept out of the binary log, since each server creates its own. */
export async function createReplicationUser(primary: DatabaseNode): Promise<void> {
  const c = await primary.connect();
  try {
    await c.query('SET SESSION sql_log_bin = 0');
    await c.query(`CREATE USER IF NOT EXISTS '${REPLICATION_USER}'@'127.0.0.1' IDENTIFIED BY ?`, [
      REPLICATION_PASSWORD,
    ]);
    await c.query(`GRANT REPLICATION SLAVE ON *.* TO '${REPLICATION_USER}'@'127.0.0.1'`);
  } finally {
    await c.end();
  }
}

/**
 * Points a fresh replica at the primary by GTID, from the primary's first transaction. It retries a lost
 * primary every second (MariaDB's default is a minute), so a restarted primary is followed again at once;
 * the setting is kept in the replica's folder and applies after the replica's own restarts too.
 */
export async function followPrimary(replica: DatabaseNode, primary: DatabaseNode): Promise<void> {
  const c = await replica.connect();
  try {
    await c.query(
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port}, MASTER_USER = '${REPLICATION_USER}', ` +
        `MASTER_PASSWORD = ?, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1, MASTER_HEARTBEAT_PERIOD = 1`,
      [REPLICATION_PASSWORD],
    );
    await c.query('START SLAVE');
  } finally {
    await c.end();
  }
}

/** Waits until the replica has applied everything the primary has written; false after `timeoutS`. */
export async function waitForReplica(
  replica: DatabaseNode,
  primary: DatabaseNode,
  timeoutS = 60,
): Promise<boolean> {
  const p = await primary.connect();
  let position: string;
  try {
    const [rows] = (await p.query('SELECT @@gtid_binlog_pos AS pos')) as [{ pos: string }[], unknown];
    position = rows[0]!.pos;
  } finally {
    await p.end();
  }
  const r = await replica.connect();
  try {
    const [rows] = (await r.query('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [position, timeoutS])) as [
      { waited: number }[],
      unknown,
    ];
    return Number(rows[0]!.waited) === 0;
  } finally {
    await r.end();
  }
}
