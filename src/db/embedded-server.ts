/**
 * A private MariaDB (or MySQL) server started from the binaries on PATH: the service's default when
 * DATABASE_URL is unset, and the throwaway database of the test suite. It listens on 127.0.0.1 only,
 * on a free port, with its files in one folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';

export class NoDatabaseServerError extends Error {
  constructor() {
    super(
      [
        'No database: DATABASE_URL is unset and no MariaDB or MySQL server binary is on PATH.',
        'Either install one (Debian/Ubuntu: `apt-get install -y mariadb-server`, or mysql-server),',
        'or start the Compose database with `docker compose up -d db` and set',
        'DATABASE_URL=mysql://eurasia:eurasia@127.0.0.1:3306/eurasia_graph.',
      ].join('\n'),
    );
    this.name = 'NoDatabaseServerError';
  }
}

export interface EmbeddedServer {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Stops the server and waits until its process has exited. */
  stop(): Promise<void>;
}

const SEARCH_PATH = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...SEARCH_PATH];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

interface Binaries {
  server: string;
  /** MariaDB's installer; MySQL initialises with `mysqld --initialize-insecure` instead. */
  installDb: string | undefined;
}

export function findServerBinaries(): Binaries | undefined {
  const server = which('mariadbd') ?? which('mysqld');
  if (!server) return undefined;
  return { server, installDb: which('mariadb-install-db') ?? which('mysql_install_db') };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The folder holds the server's data in db/, its temporary files in tmp/ (private, so that servers being
 * initialised side by side never meet in /tmp), its socket and its pid file.
 */
function layout(folder: string) {
  return {
    db: path.join(folder, 'db'),
    tmp: path.join(folder, 'tmp'),
    socket: path.join(folder, 'server.sock'),
    pidFile: path.join(folder, 'server.pid'),
  };
}

function initialise(binaries: Binaries, files: ReturnType<typeof layout>): void {
  fs.mkdirSync(files.db, { recursive: true });
  fs.mkdirSync(files.tmp, { recursive: true });
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const common = ['--no-defaults', `--datadir=${files.db}`, `--tmpdir=${files.tmp}`, ...user];
  const result = binaries.installDb
    ? spawnSync(
        binaries.installDb,
        [...common, '--auth-root-authentication-method=normal', '--skip-test-db'],
        { encoding: 'utf8' },
      )
    : spawnSync(binaries.server, [...common, '--initialize-insecure'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Could not initialise a database in ${files.db}:\n${result.stderr || result.stdout}`);
  }
}

/**
 * A server left running by a process that was killed holds the folder's lock: stop it first, but only if
 * the pid still belongs to a database server on this folder (pids are reused).
 */
async function stopStaleServer(files: ReturnType<typeof layout>): Promise<void> {
  if (!fs.existsSync(files.pidFile)) return;
  const pid = Number(fs.readFileSync(files.pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // no such process
  }
  if (pid > 0 && cmdline.includes(files.db)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (fs.existsSync(`/proc/${pid}`) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
  }
  fs.rmSync(files.pidFile, { force: true });
}

/**
 * Waits until the server accepts connections on its port. Another server may already hold the port (a
 * free port found a moment earlier can be taken by someone else before the server binds it): then that
 * one answers while ours fails to bind and exits, so a connection counts only if the server behind it
 * reports our data folder.
 */
async function waitUntilReady(
  port: number,
  dataDir: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `The database server exited with code ${child.exitCode ?? child.signalCode}:\n${log()}`,
      );
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      try {
        const [rows] = (await connection.query('SELECT @@datadir AS dir')) as unknown as [{ dir: string }[]];
        if (path.resolve(rows[0]!.dir) === path.resolve(dataDir)) return;
      } finally {
        await connection.end();
      }
      throw new Error(`port ${port} is served by another database server`);
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `The database server did not accept connections within ${timeoutMs} ms: ${String(error)}\n${log()}`,
          { cause: error },
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface StartOptions {
  dataDir: string;
  database: string;
  port?: number;
  /** More server options, e.g. for replication (`--server-id=2`, `--log-bin`). */
  serverArgs?: string[];
}

/** Starts (initialising the folder on first use) a private server and creates the database. */
export async function startEmbeddedServer(options: StartOptions): Promise<EmbeddedServer> {
  const binaries = findServerBinaries();
  if (!binaries) throw new NoDatabaseServerError();
  const dataDir = path.resolve(options.dataDir);
  const files = layout(dataDir);
  if (!fs.existsSync(path.join(files.db, 'mysql'))) initialise(binaries, files);
  await stopStaleServer(files);
  // A port chosen here may be taken by another process before the server binds it: then choose again.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOn(binaries, files, dataDir, port, options);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3 || !/bind on tcp\/ip port/i.test(String(error)))
        throw error;
    }
  }
}

async function startOn(
  binaries: Binaries,
  files: ReturnType<typeof layout>,
  dataDir: string,
  port: number,
  options: StartOptions,
): Promise<EmbeddedServer> {
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  const child = spawn(
    binaries.server,
    [
      '--no-defaults',
      `--datadir=${files.db}`,
      `--tmpdir=${files.tmp}`,
      `--socket=${files.socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${files.pidFile}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--skip-name-resolve',
      ...user,
      ...(options.serverArgs ?? []),
    ],
    // Its own process group: a Ctrl-C in the terminal reaches the service, which then stops the server in order.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  await waitUntilReady(port, files.db, child, () => stderr);
  const admin = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${options.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `mysql://root@127.0.0.1:${port}/${options.database}`,
    port,
    pid: child.pid!,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
