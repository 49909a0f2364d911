/**
 * Stopping the test run's database server and removing its folder, from wherever the run ends: the
 * global teardown, a failing global setup, Ctrl-C or SIGTERM to the test runner, or its exit.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Resources {
  dataDir: string;
  pid: () => number | undefined;
  /** Stops what runs on the database (the shared service) before the database stops. */
  stopFirst?: () => Promise<void>;
}

// Jest may load the setup and the teardown apart: keep the state where both see it.
const state = globalThis as { __testRunResources?: Resources; __testRunHandlers?: boolean };
let resources: Resources | undefined;
const current = () => resources ?? state.__testRunResources;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The server's pid: known once it started, else from its pid file (if it is still the server on that folder). */
function serverPidOf(found: Resources): number | undefined {
  const known = found.pid();
  if (known !== undefined) return known;
  try {
    const pid = Number(fs.readFileSync(path.join(found.dataDir, 'server.pid'), 'utf8').trim());
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(found.dataDir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Synchronous, so that it can run in an exit handler: ask the server to stop, then make sure. */
function cleanUpNow(signal: NodeJS.Signals = 'SIGKILL'): void {
  const found = current();
  if (!found) return;
  resources = state.__testRunResources = undefined;
  const { dataDir } = found;
  const serverPid = serverPidOf(found);
  if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, signal);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Stops the server in order (SIGTERM, then SIGKILL after 10 s) and removes its folder. */
export async function runCleanup(): Promise<void> {
  const found = current();
  if (!found) return;
  await found.stopFirst?.().catch(() => undefined); // the database goes next, whatever happened here
  const serverPid = serverPidOf(found);
  if (serverPid !== undefined && alive(serverPid)) {
    process.kill(serverPid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(serverPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
  cleanUpNow('SIGKILL');
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUpNow();
  process.stderr.write(`\ntest run stopped by ${signal}: its database server was stopped\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Registers what must stop before the database does (the shared service). */
export function registerStopFirst(stop: () => Promise<void>): void {
  const found = current();
  if (found) found.stopFirst = stop;
}

/** Remembers what to clean up; installs the signal and exit handlers once. */
export function registerCleanup(dataDir: string, pid: () => number | undefined): void {
  if (!state.__testRunHandlers) {
    state.__testRunHandlers = true;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    process.once('exit', () => cleanUpNow());
  }
  resources = state.__testRunResources = { dataDir, pid };
}
