#!/usr/bin/env node
/**
 * Runs the test suite as `npm test` does and prints where its time went, beside the target: the wall time
 * of the whole command, the CPU seconds of every process it ran (Jest, its workers, the database servers,
 * the services and browsers the tests started), and the slowest files with their own times. On a shared
 * machine the wall time follows the load; the CPU seconds and the per-file times are the figures to compare.
 *
 *   node scripts/test-timing.js [jest arguments]     e.g. node scripts/test-timing.js tests/faults
 */
'use strict';
const { spawnSync } = require('node:child_process');
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

const canCountCpu = fs.existsSync('/proc/self/stat');
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'test-timing-')), 'results.json');
const cpuBefore = canCountCpu ? childrenCpuSeconds() : 0;
const started = process.hrtime.bigint();
const run = spawnSync('npm', ['test', '--', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const wall = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = canCountCpu ? childrenCpuSeconds() - cpuBefore : undefined;

let results;
try {
  results = JSON.parse(fs.readFileSync(report, 'utf8'));
} catch {
  process.stderr.write('the test run wrote no results\n');
  process.exit(run.status ?? 1);
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
    : `  CPU of every process of the run: ${cpu.toFixed(1)} s`,
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
process.exit(run.status ?? 1);
