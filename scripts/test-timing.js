#!/usr/bin/env node
/**
 * Runs the test suite as `npm test` does and prints where its time went, beside the target: the wall time
 * of the whole command, the CPU seconds of every process it ran (Jest, its workers, the database servers,
 * the services and browsers the tests started), and the slowest files with their own times. On a shared
 * machine the wall time follows the load; the CPU seconds and the per-file times are the figures to compare.
 * The CPU seconds are also split by kind of process (sampled from /proc while the run goes on), which shows
 * where the time goes: the Jest workers, the runner with the shared service, the services and commands the
 * tests start, the database servers, the browsers. Sampling misses a process shorter than its interval,
 * and counts the helper processes of a browser, which the run never waits for and so leaves out of the total.
 *
 *   node scripts/test-timing.js [jest arguments]     e.g. node scripts/test-timing.js tests/faults
 */
'use strict';
const { spawn } = require('node:child_process');
const { setInterval, clearInterval } = require('node:timers');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** The wall time `npm test` should stay under on a two-core machine. */
const TARGET_SECONDS = 90;
const SLOWEST = 12;

/** CPU seconds of this process's children that have ended and been waited for (Linux: /proc/self/stat). */
function childrenCpuSeconds() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime and cstime
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** What a process of the run is, from its command line. */
function kindOf(cmdline) {
  if (/mariadbd|mysqld/.test(cmdline)) return 'database servers';
  if (/chrom/.test(cmdline)) return 'browsers';
  if (/redis-server/.test(cmdline)) return 'redis';
  if (/jest-worker|processChild/.test(cmdline))
    return 'Jest workers (the test files, their in-process services)';
  if (/jest/.test(cmdline)) return 'Jest runner (global setup, the shared service)';
  const built = /\bdist\/(\S+)/.exec(cmdline);
  if (built) return `node dist/${built[1]} (started by tests)`;
  return 'other';
}

/** Every descendant of `root` seen so far, with the most CPU seconds each was seen to have used. */
function sampleTree(root, seen) {
  const parents = new Map();
  const cpu = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / 100); // utime and stime
    } catch {
      // ended meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++)
      if (p === root || seen.has(p)) return true;
    return false;
  };
  for (const [pid, seconds] of cpu) {
    if (pid === root || !inTree(pid)) continue;
    let entry = seen.get(pid);
    if (!entry) {
      let cmdline;
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue;
      }
      seen.set(pid, (entry = { kind: kindOf(cmdline), seconds: 0 }));
    }
    entry.seconds = Math.max(entry.seconds, seconds);
  }
}

/** The sampled CPU seconds by kind of process, largest first. */
function byKind(seen) {
  const totals = new Map();
  for (const { kind, seconds } of seen.values()) {
    const total = totals.get(kind) ?? { seconds: 0, processes: 0 };
    total.seconds += seconds;
    total.processes += 1;
    totals.set(kind, total);
  }
  return [...totals]
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .map(
      ([kind, t]) =>
        `    ${t.seconds.toFixed(1).padStart(6)} s  ${kind} (${t.processes} ${t.processes === 1 ? 'process' : 'processes'})`,
    );
}

async function main() {
  const canCountCpu = fs.existsSync('/proc/self/stat');
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'test-timing-')), 'results.json');
  const cpuBefore = canCountCpu ? childrenCpuSeconds() : 0;
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['test', '--', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seen = new Map();
  const sampler = canCountCpu ? setInterval(() => sampleTree(child.pid, seen), 250) : undefined;
  const status = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  clearInterval(sampler);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = canCountCpu ? childrenCpuSeconds() - cpuBefore : undefined;

  let results;
  try {
    results = JSON.parse(fs.readFileSync(report, 'utf8'));
  } catch {
    process.stderr.write('the test run wrote no results\n');
    process.exit(status ?? 1);
  } finally {
    fs.rmSync(path.dirname(report), { recursive: true, force: true });
  }
  const files = results.testResults
    .map((r) => ({
      file: path.relative(ROOT, r.name),
      seconds: (r.endTime - r.startTime) / 1000,
      tests: r.assertionResults.length,
    }))
    .sort((a, b) => b.seconds - a.seconds);
  const busy = files.reduce((sum, f) => sum + f.seconds, 0);
  const jestSeconds = (Date.now() - results.startTime) / 1000;

  const lines = [
    '',
    `npm test: ${wall.toFixed(1)} s wall (target under ${TARGET_SECONDS} s: ${wall < TARGET_SECONDS ? 'met' : 'missed'})`,
    `  before the first test (npm, build check, global setup): ${(wall - jestSeconds).toFixed(1)} s; Jest's "Time": ${jestSeconds.toFixed(1)} s`,
    `  test files: ${files.length}, tests: ${results.numTotalTests} (${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped)`,
    cpu === undefined
      ? '  CPU: not counted (no /proc)'
      : `  CPU of every process of the run: ${cpu.toFixed(1)} s; by kind of process (sampled every 0.25 s):`,
    ...byKind(seen),
    `  the files' own times add up to ${busy.toFixed(1)} s; the ${SLOWEST} slowest:`,
    ...files
      .slice(0, SLOWEST)
      .map((f) => `    ${f.seconds.toFixed(1).padStart(6)} s  ${f.file} (${f.tests} tests)`),
    `  load average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  process.exit(status ?? 1);
}

main();
