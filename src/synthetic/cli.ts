/**
 * `npm run seed:synthetic -- --events N [--seed S]` replaces the synthetic graph in the database with a
 * new one; `npm run seed:synthetic -- --remove` deletes it. Curated data is never touched. Runs against
 * DATABASE_URL, or the private server `npm start` uses.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { NoDatabaseServerError } from '../db/embedded-server';
import { loadSyntheticGraph, removeSyntheticGraph } from './load';
import { syntheticSizes } from './generate';

const USAGE =
  'usage: npm run seed:synthetic -- --events N [--seed S] [--json]  |  npm run seed:synthetic -- --remove';
export const MAX_EVENTS = 10_000_000;

export class UsageError extends Error {}

export interface SyntheticCommand {
  remove: boolean;
  events: number;
  seed: number;
  json: boolean;
}

/** Reads the arguments; a bad one is a UsageError naming it, its value and what is accepted. */
export function parseArguments(argv: string[]): SyntheticCommand {
  const command: SyntheticCommand = { remove: false, events: 0, seed: 1, json: false };
  const integer = (flag: string, raw: string | undefined, min: number, max: number) => {
    if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw new UsageError(
        `${flag} ${raw === undefined ? '(no value)' : JSON.stringify(raw)} is not accepted: expected an integer from ${min} to ${max}`,
      );
    return Number(raw);
  };
  let sawEvents = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--remove') command.remove = true;
    else if (arg === '--json') command.json = true;
    else if (arg === '--events') {
      command.events = integer('--events', argv[++i], 1, MAX_EVENTS);
      sawEvents = true;
    } else if (arg === '--seed') command.seed = integer('--seed', argv[++i], 0, 2 ** 31 - 1);
    else throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (command.remove && sawEvents)
    throw new UsageError('--remove takes no --events: it removes the whole synthetic graph');
  if (!command.remove && !sawEvents) throw new UsageError('--events N is required (or --remove)');
  return command;
}

async function main(argv: string[]): Promise<number> {
  let command: SyntheticCommand;
  try {
    command = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  const url = config.databaseUrl ?? database.server!.url;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (command.remove) {
      const removed = await removeSyntheticGraph(database.dataSource, log);
      process.stdout.write(`removed the synthetic graph: ${removed} rows\n`);
      return 0;
    }
    const sizes = syntheticSizes(command.events);
    log(
      `generating and loading a synthetic graph (seed ${command.seed}): ${Object.entries(sizes)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    // Ctrl-C or a TERM stops the load after its current batch and puts the indexes and settings back; a
    // second one exits at once (the next load or --remove then puts them back)
    const interrupted = new AbortController();
    const stop = () => {
      if (interrupted.signal.aborted) process.exit(130);
      log('interrupted: stopping after this batch and putting the indexes and server settings back');
      interrupted.abort();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
    const result = await loadSyntheticGraph(database.dataSource, url, {
      events: command.events,
      seed: command.seed,
      log,
      signal: interrupted.signal,
    });
    if (command.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      for (const [table, { rows, sha256 }] of Object.entries(result.tables))
        process.stdout.write(`${table.padEnd(20)} ${String(rows).padStart(10)} rows  sha256 ${sha256}\n`);
      const whole = result.phases.filter((p) => !p.part);
      const cpu = (key: 'node' | 'server') => whole.reduce((n, p) => n + (p[key] ?? 0), 0).toFixed(1);
      const server = whole.some((p) => p.server !== undefined) ? `, server ${cpu('server')} s` : '';
      process.stdout.write(
        `loaded in ${result.seconds.total.toFixed(1)} s (${whole.map((p) => `${p.name} ${p.wall.toFixed(1)} s`).join(', ')}); CPU: node ${cpu('node')} s${server}\n`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      if (error instanceof ConfigError || error instanceof NoDatabaseServerError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
      process.stderr.write(
        `seed:synthetic failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    });
}
