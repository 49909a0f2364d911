/**
 * Composes this subgraph with a second one that extends Country and Organization (its SDL is
 * tests/fixtures/federation/advisories.graphql) through @apollo/gateway in process, and runs queries that
 * need both subgraphs, in each direction.
 */
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { ROOT } from '../support/environment';
import { startTestService, type TestService } from '../support/service';

const ADVISORY_LEVELS: Record<string, number> = {};

let api: TestService;
let advisories: ApolloServer;
let gateway: ApolloServer;
let kazakhstanId: string;
let otsId: string;

beforeAll(async () => {
  api = await startTestService();
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

  gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'eurasia-graph', url: api.url },
          { name: 'advisories', url: advisoriesUrl },
        ],
      }),
    }),
  });
  await gateway.start();
});

afterAll(async () => {
  await gateway.stop();
  await advisories.stop();
  await api.stop();
});

async function viaGateway(query: string) {
  const response = await gateway.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('Federation: composed with a second subgraph through a gateway', () => {
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
