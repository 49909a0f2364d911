/**
 * Time and CPU per phase of a synthetic load: wall seconds, this process's CPU seconds (its worker threads
 * included) and, when the database server runs on this machine and its process can be read, the server's
 * CPU seconds. On a shared machine wall time follows the load average; CPU seconds say what a phase costs.
 */
import fs from 'node:fs';

export interface PhaseCost {
  name: string;
  wall: number;
  /** CPU seconds of this process. */
  node: number;
  /** CPU seconds of the database server, when it could be measured. */
  server?: number;
  /**
   * A part of the phase before it (which counts it already). Parts may run side by side, and their CPU
   * seconds are those of everything running meanwhile.
   */
  part?: boolean;
}

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The server's user + system CPU seconds from /proc, or undefined where that cannot be read. */
function serverCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces) start after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

const nodeCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export class PhaseClock {
  readonly phases: PhaseCost[] = [];

  constructor(
    private readonly serverPid: number | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /** Runs `work` as the phase `name`, logs what it cost and adds it to `phases` (also when it fails). */
  async time<T>(name: string, work: () => Promise<T>, options: { part?: boolean } = {}): Promise<T> {
    const wall = Date.now();
    const node = nodeCpuSeconds();
    const server = serverCpuSeconds(this.serverPid);
    try {
      return await work();
    } finally {
      const serverAfter = serverCpuSeconds(this.serverPid);
      const cost: PhaseCost = {
        name,
        wall: (Date.now() - wall) / 1000,
        node: nodeCpuSeconds() - node,
        ...(server !== undefined && serverAfter !== undefined ? { server: serverAfter - server } : {}),
        ...(options.part ? { part: true } : {}),
      };
      this.phases.push(cost);
      this.log(`  ${options.part ? '  ' : ''}${describeCost(cost)}`);
    }
  }

  /** The sum of every whole phase (not part) whose name starts with `prefix` (all of them for ''). */
  total(prefix = ''): Omit<PhaseCost, 'name'> {
    const chosen = this.phases.filter((p) => !p.part && p.name.startsWith(prefix));
    const sum = (f: (p: PhaseCost) => number | undefined) => chosen.reduce((n, p) => n + (f(p) ?? 0), 0);
    return {
      wall: sum((p) => p.wall),
      node: sum((p) => p.node),
      ...(chosen.some((p) => p.server !== undefined) ? { server: sum((p) => p.server) } : {}),
    };
  }
}

export function describeCost(cost: PhaseCost): string {
  const server = cost.server === undefined ? '' : `, server CPU ${cost.server.toFixed(1)} s`;
  return `${cost.name}: ${cost.wall.toFixed(1)} s wall, node CPU ${cost.node.toFixed(1)} s${server}`;
}

/** The pid of the database server behind a connection, when it runs on this machine and says where it is. */
export async function localServerPid(
  query: (sql: string) => Promise<{ pidFile: string | null }[]>,
): Promise<number | undefined> {
  try {
    const [row] = await query('SELECT @@pid_file AS pidFile');
    if (!row?.pidFile) return undefined;
    const pid = Number(fs.readFileSync(row.pidFile, 'utf8').trim());
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /mariadbd|mysqld/.test(cmdline) ? pid : undefined;
  } catch {
    return undefined;
  }
}
