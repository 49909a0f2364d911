/**
 * `npm run gateway` as a user runs it: the gateway process composes this subgraph (its schema read from
 * the running service) with a second one that extends Country and Organization (its SDL is
 * tests/fixtures/federation/advisories.graphql), both listed in a supergraph config file, and serves the
 * supergraph over HTTP; queries that need both subgraphs, in each direction, go through it.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { ROOT } from '../support/environment';
import { useTestService } from '../support/service';

const ADVISORY_LEVELS: Record<string, number> = {};

const api = useTestService();
let advisories: ApolloServer;
let gateway: ChildProcess;
let gatewayUrl: string;
let configDir: string;
let kazakhstanId: string;
let otsId: string;

beforeAll(async () => {
  kazakhstanId = (await api.gql('{ country(name: "Kazakhstan") { id } }')).body.data!.country.id;
  otsId = (await api.gql('{ organization(name: "TDT") { id } }')).body.data!.organization.id;
  ADVISORY_LEVELS[kazakhstanId] = 2;

  const typeDefs = parse(
    fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'federation', 'advisories.graphql'), 'utf8'),
  );
  advisories = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs,
      resolvers: {
        Query: { advisories: () => [{ level: 2, country: { __typename: 'Country', id: kazakhstanId } }] },
        Country: { advisoryLevel: (c: { id: string }) => ADVISORY_LEVELS[c.id] ?? 1 },
        Organization: { advisoryMentions: (o: { id: string }) => (o.id === otsId ? 3 : 0) },
      } as never,
    }),
  });
  const { url: advisoriesUrl } = await startStandaloneServer(advisories, {
    listen: { port: 0, host: '127.0.0.1' },
  });

  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-gateway-'));
  const config = path.join(configDir, 'supergraph.yaml');
  fs.writeFileSync(
    config,
    [
      'federation_version: =2.7.0',
      'subgraphs:',
      '  eurasia-graph:',
      '    routing_url: http://127.0.0.1:1/unused # replaced by EURASIA_GRAPH_URL',
      '    schema:',
      '      subgraph_url: http://127.0.0.1:1/unused',
      '  advisories:',
      `    routing_url: ${advisoriesUrl}`,
      '    schema:',
      `      file: ${path.join(ROOT, 'tests', 'fixtures', 'federation', 'advisories.graphql')}`,
      '',
    ].join('\n'),
  );
  gateway = spawn(process.execPath, [path.join(ROOT, 'dist', 'gateway', 'cli.js'), '--config', config], {
    env: { ...process.env, GATEWAY_PORT: '0', EURASIA_GRAPH_URL: api.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /gateway ready at (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    gateway.stdout!.on('data', read);
    gateway.stderr!.on('data', read);
    gateway.once('exit', (code) => reject(new Error(`the gateway exited (${code}): ${output}`)));
  });
});

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  await advisories?.stop();
});

async function viaGateway(query: string) {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

describe('Federation: composed with a second subgraph through the gateway of `npm run gateway`', () => {
  it('starts from this subgraph and adds the other one’s fields', async () => {
    const result = await viaGateway(
      '{ country(name: "Kazakhstan") { name iso2 advisoryLevel } organization(name: "Turkic Council") { name advisoryMentions } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      country: { name: 'Kazakhstan', iso2: 'KZ', advisoryLevel: 2 },
      organization: { name: 'Organization of Turkic States', advisoryMentions: 3 },
    });
  });

  it('starts from the other subgraph and resolves Country through this one', async () => {
    const result = await viaGateway(
      '{ advisories { level country { name claims(fields: [NAME]) { value sources { document { title } } } memberships(first: 5) { nodes { status organization { acronym advisoryMentions } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const advisory = (result.data as any).advisories[0];
    expect(advisory.level).toBe(2);
    expect(advisory.country.name).toBe('Kazakhstan');
    expect(advisory.country.claims[0].sources.length).toBeGreaterThan(0);
    expect(advisory.country.memberships.nodes).toEqual(
      expect.arrayContaining([
        { status: 'FOUNDING_MEMBER', organization: { acronym: 'OTS', advisoryMentions: 3 } },
      ]),
    );
  });
});
