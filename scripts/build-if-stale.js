#!/usr/bin/env node
/**
 * Builds dist/ with tsc only when a source is newer than the last build, so a second `npm start` (or test
 * run) starts at once. Plain JavaScript: it has to run before anything is compiled.
 *
 *   node scripts/build-if-stale.js           builds if needed; prints nothing when dist/ is current
 *   node scripts/build-if-stale.js --force   builds in any case (`npm run build`)
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time under `file` (a file or a folder), in milliseconds. */
function newest(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** Whether dist/ is older than any source (or missing). */
function stale() {
  const built = fs.statSync(STAMP, { throwIfNoEntry: false });
  if (!built) return true;
  return INPUTS.some((input) => newest(path.join(ROOT, input)) > built.mtimeMs);
}

/** Builds when stale (or when forced); returns whether it built. */
function buildIfStale(force = false) {
  if (!force && !stale()) return false;
  const started = Date.now();
  fs.rmSync(STAMP, { force: true });
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', path.join(ROOT, 'tsconfig.build.json')],
    { cwd: ROOT, stdio: 'inherit' },
  );
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.stderr.write(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

module.exports = { buildIfStale, stale };

if (require.main === module) {
  try {
    buildIfStale(process.argv.includes('--force'));
  } catch {
    process.exit(1); // tsc has printed its errors
  }
}
