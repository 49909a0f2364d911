/**
 * The cache policy read from the schema once per operation (src/cache/cache-policy.ts) against Apollo's own
 * cache-control plugin, which hooks every resolved field: on a schema whose hints differ from type to
 * type and field to field, both give every operation the same Cache-Control header.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { cachePolicyPlugin } from '../../src/cache/cache-policy';

const typeDefs = `
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    country: Country
    secret: Secret
    count: Int
    quick: Int @cacheControl(maxAge: 5)
    things: [Thing]
    fresh: Country @cacheControl(maxAge: 7)
  }
  type Country @cacheControl(scope: PUBLIC, inheritMaxAge: true) {
    name: String
    capital: City
    population: Int @cacheControl(maxAge: 30)
  }
  type City @cacheControl(maxAge: 90) { name: String }
  type Secret @cacheControl(maxAge: 50, scope: PRIVATE) { value: String }
  union Thing = Country | City
`;

const resolvers = {
  Query: {
    country: () => ({ name: 'Türkiye', capital: { name: 'Ankara' }, population: 85 }),
    fresh: () => ({ name: 'Türkiye', capital: { name: 'Ankara' }, population: 85 }),
    secret: () => ({ value: 'x' }),
    count: () => 3,
    quick: () => 1,
    things: () => [{ __typename: 'City', name: 'Ankara' }],
  },
  Thing: { __resolveType: (v: { __typename: string }) => v.__typename },
};

const OPERATIONS = [
  '{ count }',
  '{ quick count }',
  '{ country { name } }',
  '{ country { name population } }',
  '{ country { capital { name } } }',
  '{ fresh { name capital { name } } }',
  '{ secret { value } }',
  '{ country { name } secret { value } }',
  '{ things { ... on City { name } } }',
  '{ ...Q } fragment Q on Query { quick country { population } }',
  '{ __typename }',
];

async function headerOf(server: ApolloServer, query: string): Promise<string | undefined> {
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single' || response.body.singleResult.errors)
    throw new Error(`${query} failed: ${JSON.stringify(response.body)}`);
  return response.http.headers.get('cache-control');
}

describe('Cache policy: read once per operation, as Apollo computes it per field', () => {
  const apollo = new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 60 })],
  });
  const ours = new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin({ defaultMaxAge: 60 })],
  });
  beforeAll(async () => {
    await apollo.start();
    await ours.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await ours.stop();
  });

  it.each(OPERATIONS)('gives %s the header Apollo gives it', async (query) => {
    const expected = await headerOf(apollo, query);
    expect(expected).toBeDefined();
    expect(await headerOf(ours, query)).toBe(expected);
  });

  it('tells the hints apart (the cases above are not all alike)', async () => {
    const headers = new Set(await Promise.all(OPERATIONS.map((q) => headerOf(ours, q))));
    expect([...headers].sort()).toEqual([
      'max-age=30, public',
      'max-age=5, public',
      'max-age=50, private',
      'max-age=60, public',
      'max-age=7, public',
      // only `__typename`: no field that carries a policy, so nothing may be cached
      'no-store',
    ]);
  });

  it('marks an answer with errors no-store', async () => {
    const response = await ours.executeOperation({ query: '{ nothing }' });
    expect(response.http.headers.get('cache-control')).toBe('no-store');
  });
});
