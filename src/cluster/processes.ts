/**
 * A child process of the cluster: started in its own process group (so that a Ctrl-C reaches the launcher,
 * which stops everything in order), its last output kept for error messages, stopped by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Resolves once the process is ready; it may poll something outside (an HTTP endpoint). */
  ready(output: () => string): Promise<boolean> | boolean;
  readyTimeoutMs?: number;
}

export class ManagedProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.running() ? this.child!.pid : undefined;
  }

  running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last few kilobytes it wrote. */
  log(): string {
    return this.output;
  }

  async start(): Promise<void> {
    const { spec } = this;
    this.output = '';
    const child = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`${spec.name} could not start: ${error.message}`)));
      child.once('exit', (code, signal) =>
        reject(new Error(`${spec.name} exited (${signal ?? code}) before it was ready:\n${this.output}`)),
      );
    });
    failed.catch(() => undefined);
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
    for (;;) {
      const ready = await Promise.race([Promise.resolve(spec.ready(() => this.output)), failed]);
      if (ready) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(
          `${spec.name} was not ready within ${spec.readyTimeoutMs ?? 60_000} ms:\n${this.output}`,
        );
      }
      await Promise.race([new Promise((r) => setTimeout(r, 100)), failed]);
    }
  }

  /** Sends the signal and waits for the exit; SIGKILL when it has not exited after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Whether an HTTP GET of `url` answers 200 (within a second). */
export async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
