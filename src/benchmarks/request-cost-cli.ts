/**
 * `npm run bench:cost -- [--events N] [--requests N] [--only KEY] [--save FILE] [--compare FILE] [--profile DIR]
 * [--against MAIN_JS] [--flags NODE_FLAGS]`:
 * the service's CPU per request for each reference operation, sent one at a time (no load generator), on the
 * benchmark's data (.data/bench/, prepared by `npm run bench` or here). It prints CPU ms per request and
 * statements per request beside the response size, can save the response bodies and compare them with a
 * saved run (a change to the request path must keep every answer byte for byte), and can write a CPU profile
 * of the service (node --cpu-prof) with its summary. With `--against`, another build of the service (its
 * dist/main.js) runs beside this one on the same database: they take turns, so both see the same load.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { createDataSource, migrate } from '../db/data-source';
import { startEmbeddedServer } from '../db/embedded-server';
import { loadFiles } from '../ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../ingest/read-inputs';
import { loadSyntheticGraph, refreshDerivedDataAndStatistics } from '../synthetic/load';
import { REFERENCE_OPERATIONS, resolveParameters, type GraphQLRunner } from './operations';
import { summariseProfile } from './profile';
import { startProductionService } from './service-ready';

const ROOT = path.resolve(__dirname, '..', '..');
const TICKS_PER_SECOND = 100;

interface Options {
  events: number;
  requests: number;
  only?: string;
  save?: string;
  compare?: string;
  profile?: string;
  /** Another build's main.js: both serve the same requests in turns, and their answers are compared. */
  against?: string;
  /** Extra node flags for this build's process only (`--flags "--max-semi-space-size=32"`). */
  flags: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = { events: 1000, requests: 100, flags: [] };
  const usage =
    'usage: npm run bench:cost -- [--events N] [--requests N] [--only KEY] [--save FILE] [--compare FILE] [--profile DIR] [--against MAIN_JS] [--flags NODE_FLAGS]';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const raw = argv[++i];
      if (raw === undefined) throw new Error(`${arg} needs a value; ${usage}`);
      return raw;
    };
    const integer = () => {
      const raw = value();
      if (!/^[1-9]\d*$/.test(raw)) throw new Error(`${arg} ${JSON.stringify(raw)} is not a positive integer`);
      return Number(raw);
    };
    if (arg === '--events') options.events = integer();
    else if (arg === '--requests') options.requests = integer();
    else if (arg === '--only') options.only = value();
    else if (arg === '--save') options.save = path.resolve(value());
    else if (arg === '--compare') options.compare = path.resolve(value());
    else if (arg === '--profile') options.profile = path.resolve(value());
    else if (arg === '--against') options.against = path.resolve(value());
    else if (arg === '--flags') options.flags = value().split(/\s+/).filter(Boolean);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; ${usage}`);
  }
  const keys = REFERENCE_OPERATIONS.map((o) => o.key);
  if (options.only !== undefined && !keys.includes(options.only))
    throw new Error(
      `--only ${JSON.stringify(options.only)} names no operation; the operations: ${keys.join(', ')}`,
    );
  return options;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** CPU time (user and system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** A response without what differs between two runs of the same request (its duration). */
function comparable(body: string): string {
  return body.replace(/"durationMs":[0-9.e+-]+/g, '"durationMs":0');
}

interface Service {
  child: ChildProcess;
  pid: number;
  post: (body: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** Starts a build of the service with production settings; resolves once it is ready. */
async function startService(
  main: string,
  databaseUrl: string,
  profile: string | undefined,
  flags: string[] = [],
): Promise<Service> {
  const { child, origin: url } = await startProductionService({
    databaseUrl,
    main,
    nodeArgs: [...flags, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    env: { RESPONSE_CACHE: 'false' },
  });
  return {
    child,
    pid: child.pid!,
    post: (body) =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        (r) => r.text(),
      ),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Where two answers part: the other's text there, and this build's. */
function firstDifference(other: string, mine: string): string {
  const a = comparable(other);
  const b = comparable(mine);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 40))} here ${JSON.stringify(b.slice(Math.max(0, i - 20), i + 40))}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = path.join(ROOT, '.data', 'bench', `events-${options.events}-seed-1`);
  const database = await startEmbeddedServer({ dataDir, database: 'eurasia_graph_bench' });
  const running: Service[] = [];
  try {
    const marker = path.join(dataDir, 'prepared.json');
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    const migrations = await migrate(dataSource);
    if (!fs.existsSync(marker)) {
      say(`preparing the data: the curated seed and ${options.events} synthetic events...`);
      await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: process.env.SOURCES_DIR });
      const loaded = await loadSyntheticGraph(dataSource, database.url, { events: options.events, seed: 1 });
      fs.writeFileSync(marker, JSON.stringify({ events: options.events, seed: 1, seconds: loaded.seconds }));
    } else if (migrations.length > 0) {
      await refreshDerivedDataAndStatistics(dataSource);
    }
    await dataSource.destroy();

    const services: Service[] = [
      await startService(path.join(ROOT, 'dist', 'main.js'), database.url, options.profile, options.flags),
    ];
    running.push(services[0]!);
    if (options.against) {
      services.push(await startService(options.against, database.url, undefined));
      running.push(services[1]!);
    }
    const [service] = services as [Service];
    const gql: GraphQLRunner = async (query, variables) => {
      const body = JSON.parse(await service.post(JSON.stringify({ query, variables }))) as {
        data?: Record<string, unknown>;
        errors?: unknown;
      };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 400));
      return body.data!;
    };
    const admin = await mysql.createConnection({ uri: database.url });
    const questions = async () =>
      Number(
        ((await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0] as { Value: string }[])[0]!.Value,
      );
    const parameters = await resolveParameters(
      async <Row>(text: string, params: unknown[] = []) => (await admin.query(text, params))[0] as Row[],
      gql,
    );

    const saved = options.compare
      ? (JSON.parse(fs.readFileSync(options.compare, 'utf8')) as Record<string, string>)
      : undefined;
    const responses: Record<string, string> = {};
    let differences = 0;
    if (options.against) say(`CPU ms per request: this build, then ${options.against}`);
    for (const o of REFERENCE_OPERATIONS) {
      if (options.only && o.key !== options.only) continue;
      const body = JSON.stringify({ query: o.query, variables: o.variables(parameters) });
      const response = await service.post(body);
      responses[o.key] = response;
      let same = '';
      const compared = saved?.[o.key] ?? (options.against ? await services[1]!.post(body) : undefined);
      if (compared !== undefined || saved) {
        const identical = compared !== undefined && comparable(compared) === comparable(response);
        if (!identical) differences++;
        same = identical ? ' identical' : ` DIFFERENT from ${firstDifference(compared ?? '', response)}`;
      }
      for (const s of services) for (let i = 0; i < 10; i++) await s.post(body); // warms caches and the JIT
      // the builds take turns, in rounds, so that a change in the machine's load falls on both alike
      const cpu = services.map(() => 0);
      let statements = 0;
      const rounds = 10;
      const perRound = Math.ceil(options.requests / rounds);
      for (let round = 0; round < rounds; round++)
        for (const [n, s] of services.entries()) {
          const before = { questions: await questions(), cpu: cpuMs(s.pid) };
          for (let i = 0; i < perRound; i++) await s.post(body);
          cpu[n]! += cpuMs(s.pid) - before.cpu;
          if (n === 0) statements += (await questions()) - before.questions - 1;
        }
      const perRequest = cpu.map((c) => `${(c / (rounds * perRound)).toFixed(2).padStart(7)} ms CPU`);
      say(
        `${o.key.padEnd(21)} ${perRequest.join(' ')}  ${(statements / (rounds * perRound)).toFixed(1).padStart(4)} statements  ${String(Buffer.byteLength(response)).padStart(6)} B${same}`,
      );
    }
    await admin.end();
    if (options.save) fs.writeFileSync(options.save, JSON.stringify(responses, null, 1));
    for (const s of running.splice(0)) await s.stop();
    if (options.profile) for (const line of summariseProfile(options.profile, 40)) say(line);
    if (differences > 0) {
      say(`${differences} response(s) differ from ${options.compare ?? options.against}`);
      process.exitCode = 1;
    }
  } finally {
    for (const s of running) s.child.kill('SIGKILL');
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cost failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
