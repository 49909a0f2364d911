/**
 * `npm run ingest -- [--dry-run] <file or folder>...`: validates curated files and loads them in one
 * transaction. Every problem is reported at once, each with its file, its place in the file and the reason.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { NoDatabaseServerError } from '../db/embedded-server';
import { loadFiles } from './load';
import { readInputs } from './read-inputs';
import { InvalidInputError } from './seed-format';

const USAGE = 'usage: npm run ingest -- [--dry-run] <file or folder>...';

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const paths = argv.filter((a) => a !== '--dry-run');
  if (paths.length === 0 || paths.some((p) => p.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const files = readInputs(paths);
  const database = await openDatabase(config);
  try {
    const result = await loadFiles(database.dataSource, files, { sourcesDir: config.sourcesDir, dryRun });
    const verb = dryRun ? 'would load' : 'loaded';
    process.stdout.write(
      `${files.length} file(s) valid; ${verb} ${result.documentsLoaded.length} document(s) (${result.documentsUnchanged.length} unchanged); ` +
        `${result.entitiesWritten} entities, ${result.claims} claims, ${result.citations} citations in the affected part of the graph.\n`,
    );
    const r = result.revision;
    process.stdout.write(
      r
        ? `revision ${r.id}: ${r.added} claim(s) added, ${r.changed} changed, ${r.deprecated} deprecated, ${r.removed} removed.\n`
        : `no revision: ${dryRun ? 'a dry run writes nothing' : 'nothing changed'}.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (
      error instanceof InvalidInputError ||
      error instanceof ConfigError ||
      error instanceof NoDatabaseServerError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    const code = (error as { code?: unknown })?.code;
    if (['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST'].includes(String(code))) {
      const where = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).host : 'the private server';
      process.stderr.write(
        `ingest failed: the database at ${where} cannot be reached (${String(code)}); nothing was loaded. ` +
          'Ingests write to the primary database (DATABASE_URL): start it and run the ingest again.\n',
      );
      process.exit(1);
    }
    process.stderr.write(`ingest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
