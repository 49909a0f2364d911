import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-server';
import { ROOT, SOURCES_DIR } from '../support/environment';

/** Runs the start command as a user would, without DATABASE_URL, and reads its log lines. */
async function start(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; logs: Record<string, unknown>[] }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SOURCES_DIR,
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (String(entry.msg).startsWith('eurasia-graph is ready')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, logs };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('The start command without DATABASE_URL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts its own database, seeds it, serves the README example, and stops everything on Ctrl-C', async () => {
    const port = await freePort();
    const { child, logs } = await start(dataDir, port);
    const db = logs.find((l) => l.msg === 'started a private database server')!;
    expect(db.dataDir).toBe(dataDir);
    expect(logs.find((l) => l.msg === 'seed checked')).toMatchObject({ loaded: 6, unchanged: 0 });
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ country(name: "Turkey") { name aliases iso2 } }' }),
    });
    expect((await res.json()) as unknown).toMatchObject({
      data: { country: { name: 'Türkiye', iso2: 'TR' } },
    });
    const pid = Number(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    expect(await stop(child)).toBe(0);
    expect(alive(pid)).toBe(false);
  });

  it('reuses its data on the next start and changes nothing', async () => {
    const port = await freePort();
    const { child, logs } = await start(dataDir, port);
    expect(logs.find((l) => l.msg === 'applied migrations')).toBeUndefined();
    expect(logs.find((l) => l.msg === 'seed checked')).toMatchObject({ loaded: 0, unchanged: 6 });
    expect(await stop(child)).toBe(0);
  });
});
