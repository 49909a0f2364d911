/**
 * `npm run bench:export -- [--events N] [--seed S]`: the linked-data export of a large graph. Loads the
 * curated seed and a synthetic graph of N events (default 10,000) into a private MariaDB kept in
 * .data/bench/, starts the service with production settings, streams GET /export/graph.nq to the end
 * and prints the quads, bytes and time, and the service's resident memory before and at its peak beside
 * the target: memory that does not grow with the graph (the export holds one batch at a time).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDataSource, migrate } from '../db/data-source';
import { startEmbeddedServer } from '../db/embedded-server';
import { loadFiles } from '../ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../ingest/read-inputs';
import { loadSyntheticGraph, refreshDerivedDataAndStatistics } from '../synthetic/load';
import { startProductionService } from './service-ready';

const ROOT = path.resolve(__dirname, '..', '..');
/** The most the service's peak memory may grow over its size before the export, whatever the graph's size. */
const TARGET_GROWTH_MB = 64;

const say = (line: string) => process.stdout.write(`${line}\n`);

function parseOptions(argv: string[]): { events: number; seed: number } {
  const options = { events: 10_000, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const raw = argv[++i];
    if ((arg !== '--events' && arg !== '--seed') || raw === undefined || !/^\d+$/.test(raw))
      throw new Error(
        `${JSON.stringify(arg)} ${JSON.stringify(raw ?? null)} is not accepted; usage: npm run bench:export -- [--events N] [--seed S]`,
      );
    options[arg === '--events' ? 'events' : 'seed'] = Number(raw);
  }
  return options;
}

/** Resident memory of a process now (VmRSS) or at its peak so far (VmHWM), in MiB. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = path.join(ROOT, '.data', 'bench', `events-${options.events}-seed-${options.seed}`);
  const database = await startEmbeddedServer({ dataDir, database: 'eurasia_graph_bench' });
  let service: ChildProcess | undefined;
  try {
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    const migrations = await migrate(dataSource);
    const marker = path.join(dataDir, 'prepared.json');
    if (!fs.existsSync(marker)) {
      say(`preparing the data: the curated seed and ${options.events} synthetic events...`);
      await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: process.env.SOURCES_DIR });
      const loaded = await loadSyntheticGraph(dataSource, database.url, { ...options, log: say });
      fs.writeFileSync(marker, JSON.stringify({ ...options, seconds: loaded.seconds }));
    } else if (migrations.length > 0) {
      await refreshDerivedDataAndStatistics(dataSource);
    }
    const [counts] = (await dataSource.query(
      'SELECT (SELECT COUNT(*) FROM entity) AS entities, (SELECT COUNT(*) FROM claim) AS claims, (SELECT COUNT(*) FROM citation) AS citations',
    )) as Record<string, string>[];
    await dataSource.destroy();

    const running = await startProductionService({ databaseUrl: database.url });
    service = running.child;
    const origin = running.origin;
    const before = rssMb(service.pid!, 'VmHWM');
    const started = process.hrtime.bigint();
    const res = await fetch(`${origin}/export/graph.nq`);
    if (res.status !== 200) throw new Error(`the export answered ${res.status}`);
    let bytes = 0;
    let quads = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) quads += 1;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peak = rssMb(service.pid!, 'VmHWM');
    say(
      `graph: ${options.events} synthetic events; ${counts!.entities} entities, ${counts!.claims} claims, ${counts!.citations} citations`,
    );
    say(
      `export: ${quads} quads, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(quads / seconds)} quads/s)`,
    );
    say(
      `service memory: ${before.toFixed(0)} MiB peak before, ${peak.toFixed(0)} MiB peak after: +${(peak - before).toFixed(0)} MiB (target: at most +${TARGET_GROWTH_MB} MiB at any size)`,
    );
  } finally {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service!.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
