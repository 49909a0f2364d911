/**
 * `npm run schema:print` writes the subgraph SDL (what `_service { sdl }` returns, federation directives
 * included) to schema/schema.graphql; `npm run schema:check` fails when that file and the code differ.
 */
import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import fs from 'node:fs';
import path from 'node:path';
import { buildGraphSchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

export async function printedSchema(): Promise<string> {
  return `${printSubgraphSchema(await buildGraphSchema()).trim()}\n`;
}

async function main(mode: string | undefined): Promise<void> {
  const printed = await printedSchema();
  if (mode === '--check') {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== printed) {
      const a = committed.split('\n');
      const b = printed.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      process.stderr.write(
        `schema/schema.graphql does not match the code (first difference at line ${line + 1}):\n` +
          `  file: ${JSON.stringify(a[line] ?? '(end of file)')}\n  code: ${JSON.stringify(b[line] ?? '(end of file)')}\n` +
          'Run `npm run schema:print` and commit the result.\n',
      );
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql matches the code.\n');
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, printed);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}.\n`);
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
