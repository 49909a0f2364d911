/**
 * The printed schema carries the cache hints and the demand-control directives on every type and field
 * they belong to (and the federation cache tags when asked); the supergraph keeps them; the service's own cost limit reads them.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { printSubgraphSchema } from '@apollo/subgraph';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { printedSchema } from '../../src/graph/print-schema';
import { buildGraphSchema } from '../../src/graph/schema';
import { ROOT } from '../support/environment';
import { useTestService } from '../support/service';

const api = useTestService();

const ADVISORIES = fs.readFileSync(
  path.join(ROOT, 'tests', 'fixtures', 'federation', 'advisories.graphql'),
  'utf8',
);
const objectTypes = (text: string) =>
  parse(text).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
const compose = (text: string) =>
  composeServices([
    { name: 'eurasia-graph', url: 'http://eurasia-graph/graphql', typeDefs: parse(text) },
    { name: 'advisories', url: 'http://advisories/graphql', typeDefs: parse(ADVISORIES) },
  ]);

let sdl: string;
let objects: ObjectTypeDefinitionNode[];
beforeAll(async () => {
  sdl = await printedSchema();
  objects = objectTypes(sdl);
});

const directives = (node: { directives?: readonly { name: { value: string } }[] }) =>
  (node.directives ?? []).map((d) => d.name.value);

describe('Schema: cache and demand-control directives', () => {
  it('imports @cost, @listSize and @cacheTag through the federation link (v2.12, the first with @cacheTag)', () => {
    expect(sdl).toContain(
      '@link(url: "https://specs.apollo.dev/federation/v2.12", import: ["@key", "@shareable", "@cost", "@listSize", "@cacheTag"])',
    );
  });

  it('gives every object type but Query a public cache hint', () => {
    const types = objects.filter((t) => t.name.value !== 'Query');
    expect(types.length).toBeGreaterThan(40);
    const unhinted = types.filter((t) => !directives(t).includes('cacheControl')).map((t) => t.name.value);
    expect(unhinted).toEqual([]);
    expect(sdl).toMatch(
      /type Country implements Node\s+@key\(fields: "id"\)\s+@key\(fields: "iso2"\)\s+@cacheControl\(scope: PUBLIC, inheritMaxAge: true\)/,
    );
  });

  it('puts @cost on every field, and @listSize with first/last on every page', () => {
    let fields = 0;
    let pages = 0;
    for (const type of objects)
      for (const field of type.fields ?? []) {
        fields += 1;
        expect(`${type.name.value}.${field.name.value} ${directives(field).join(' ')}`).toContain('cost');
        const typeName = JSON.stringify(field.type);
        if (/Connection"/.test(typeName)) {
          pages += 1;
          expect(field.directives!.find((d) => d.name.value === 'listSize')).toBeDefined();
        }
      }
    expect(fields).toBeGreaterThan(300);
    expect(pages).toBeGreaterThan(20);
    expect(sdl).toContain(
      '@listSize(assumedSize: 20, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)',
    );
  });

  it('is what schema/schema.graphql holds, and composes into a supergraph that keeps the directives', () => {
    expect(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8')).toBe(sdl);
    const result = compose(sdl);
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl!;
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(
      supergraph.split('\n').find((line) => line.startsWith('  ): CountryConnection! @join__field')),
    ).toContain('@listSize(assumedSize: 20, slicingArguments: ["first", "last"]');
    expect(supergraph).not.toContain('cacheTag');
  });

  it('with FEDERATION_CACHE_TAGS, tags every entity and root field for Apollo Router; @apollo/gateway refuses them', async () => {
    const tagged = printSubgraphSchema(await buildGraphSchema({ cacheTags: true }));
    const types = objectTypes(tagged);
    const entities = types.filter((t) => directives(t).includes('key'));
    expect(entities.map((t) => t.name.value)).toEqual(expect.arrayContaining(['Country', 'Document']));
    for (const entity of entities) expect(directives(entity).filter((d) => d === 'cacheTag')).toHaveLength(2);
    expect(tagged).toMatch(/type Country implements Node[^{]*@cacheTag\(format: "country-\{\$key\.id\}"\)/);
    const query = types.find((t) => t.name.value === 'Query')!;
    expect(query.fields!.every((f) => directives(f).includes('cacheTag'))).toBe(true);

    const result = compose(tagged);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toContain(
      '@link(url: "https://specs.apollo.dev/cacheTag/v0.1", for: EXECUTION)',
    );
    expect(result.supergraphSdl).toContain(
      'name: "federation__cacheTag", args: {format: "country-{$key.id}"}',
    );
    // why they are off by default: the JavaScript gateway does not support the feature
    await expect(new ApolloGateway({ supergraphSdl: result.supergraphSdl! }).load()).rejects.toThrow(
      'feature https://specs.apollo.dev/cacheTag/v0.1 is for: EXECUTION but is unsupported',
    );
  });

  it('the service weighs an operation by the same directives: a page costs its size times what it selects', async () => {
    // countries: 1 + 5 × (nodes: 1 + 1 × (name 1 + iso2 1)) = 16
    const { body } = await api.gql('{ countries(first: 5) { nodes { name iso2 } } }');
    expect((body.extensions!.cost as { requested: number }).requested).toBe(16);
    // no first/last: the assumed size, 20
    const all = await api.gql('{ countries { nodes { name } } }');
    expect((all.body.extensions!.cost as { requested: number }).requested).toBe(1 + 20 * 2);
  });
});
