#!/usr/bin/env node
/**
 * Brings the built outputs up to date, each only when one of its inputs is newer than it, so a second
 * `npm start` (or test run) starts at once: dist/ (tsc), the typed client documents (the code generator)
 * and the explorer (Vite, from those documents). Plain JavaScript: it has to run before anything is compiled.
 *
 *   node scripts/build-if-stale.js           builds what is stale; prints nothing when everything is current
 *   node scripts/build-if-stale.js --force   builds everything (`npm run build`)
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const here = (...parts) => path.join(ROOT, ...parts);
/** The package's own command file, found beside its main module when its exports name no path to it. */
const bin = (pkg, file) => path.join(path.dirname(require.resolve(pkg, { paths: [ROOT] })), file);

/** Each output: the stamp written when it was built, what it is built from, and how. In build order. */
const TARGETS = [
  {
    name: 'dist/',
    stamp: here('dist', '.build-stamp'),
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    build: () => [
      require.resolve('typescript/bin/tsc', { paths: [ROOT] }),
      '-p',
      here('tsconfig.build.json'),
    ],
  },
  {
    name: 'clients/generated/',
    stamp: here('clients', 'generated', '.build-stamp'),
    inputs: ['schema/schema.graphql', 'codegen.ts', 'clients/operations', 'package-lock.json'],
    build: () => [bin('@graphql-codegen/cli', 'bin.js'), '--config', 'codegen.ts', '--silent'],
  },
  {
    name: 'dist/explorer/',
    stamp: here('dist', 'explorer', '.build-stamp'),
    inputs: ['explorer', 'clients/generated', 'package-lock.json'],
    build: () => [
      path.join(path.dirname(require.resolve('vite/package.json', { paths: [ROOT] })), 'bin', 'vite.js'),
      'build',
      '--config',
      here('explorer', 'vite.config.mts'),
      '--logLevel',
      'warn',
    ],
  },
];

/** The newest modification time under `file` (a file or a folder), in milliseconds; stamps do not count. */
function newest(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return path.basename(file) === '.build-stamp' ? 0 : stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** Whether a target is older than any of its inputs (or was never built). */
function isStale(target) {
  const built = fs.statSync(target.stamp, { throwIfNoEntry: false });
  if (!built) return true;
  return target.inputs.some((input) => newest(here(input)) > built.mtimeMs);
}

/** Whether dist/ (the compiled service) is older than its sources. */
const stale = () => isStale(TARGETS[0]);

/** Builds every stale target in order (all of them when forced); returns whether anything was built. */
function buildIfStale(force = false) {
  let built = false;
  // in order: a target rebuilt here is newer than the stamp of the one that reads it, so that one follows
  for (const target of TARGETS) {
    if (!force && !isStale(target)) continue;
    const started = Date.now();
    fs.rmSync(target.stamp, { force: true });
    execFileSync(process.execPath, target.build(), { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(path.dirname(target.stamp), { recursive: true });
    fs.writeFileSync(target.stamp, `${new Date().toISOString()}\n`);
    process.stderr.write(`built ${target.name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    built = true;
  }
  return built;
}

module.exports = { buildIfStale, stale };

if (require.main === module) {
  try {
    buildIfStale(process.argv.includes('--force'));
  } catch {
    process.exit(1); // the failing tool has printed its errors
  }
}
