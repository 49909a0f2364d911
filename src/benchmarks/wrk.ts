/** Runs wrk (the native HTTP load generator) with a fixed POST body and reads its numbers. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses other than 2xx/3xx, and socket errors: a run with any is not a clean measurement. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** A folder for the Lua script that sets the body. */
  scratch: string;
}

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for this text

export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const bodyFile = path.join(options.scratch, `body-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(bodyFile, options.body);
  const script = path.join(options.scratch, `post-${process.pid}-${Date.now()}.lua`);
  const headers = { 'Content-Type': 'application/json', ...options.headers };
  fs.writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      `local f = io.open(${lua(bodyFile)}, "rb")`,
      'wrk.body = f:read("*a")',
      'f:close()',
      ...Object.entries(headers).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`),
    ].join('\n'),
  );
  const threads = Math.min(2, options.connections);
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      'wrk',
      [
        `-t${threads}`,
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--timeout',
        '30s',
        '--latency',
        '-s',
        script,
        options.url,
      ],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
  fs.rmSync(bodyFile, { force: true });
  fs.rmSync(script, { force: true });
  return parseWrk(output);
}

/** wrk prints latencies as 512.00us, 1.20ms or 1.05s. */
function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return NaN;
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

export function parseWrk(output: string): LoadResult {
  const number = (re: RegExp) => Number(re.exec(output)?.[1] ?? NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests: number(/(\d+) requests in/),
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: milliseconds(/^\s+50%\s+(\S+)\s*$/m.exec(output)?.[1] ?? ''),
    p99Ms: milliseconds(/^\s+99%\s+(\S+)\s*$/m.exec(output)?.[1] ?? ''),
    errors:
      (number(/Non-2xx or 3xx responses: (\d+)/) || 0) +
      (socket ? socket.slice(1).reduce((n, s) => n + Number(s), 0) : 0),
  };
}
