/**
 * `npm run schema:compose`: composes schema/schema.graphql with a second subgraph that extends Country and
 * Organization (the one the federation tests run), using Apollo's own composition; fails on any error.
 */
import { composeServices } from '@apollo/composition';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';

const root = path.resolve(__dirname, '..', '..');
const subgraphs = [
  {
    name: 'eurasia-graph',
    url: 'http://eurasia-graph/graphql',
    file: path.join(root, 'schema', 'schema.graphql'),
  },
  {
    name: 'advisories',
    url: 'http://advisories/graphql',
    file: path.join(root, 'tests', 'fixtures', 'federation', 'advisories.graphql'),
  },
];

const result = composeServices(
  subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(fs.readFileSync(s.file, 'utf8')) })),
);
if (result.errors) {
  for (const error of result.errors) process.stderr.write(`composition error: ${error.message}\n`);
  process.exit(1);
}
for (const hint of result.hints ?? [])
  process.stdout.write(`hint: ${hint.definition.code}: ${hint.message.split('\n')[0]}\n`);
process.stdout.write(
  `Composed a supergraph of ${subgraphs.map((s) => s.name).join(' and ')} (${result.supergraphSdl.length} characters of SDL).\n`,
);
