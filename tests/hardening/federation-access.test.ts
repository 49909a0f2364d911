/**
 * Hardening: the federation fields. `_entities` takes at most 100 representations, each naming an entity
 * type; `_entities` and `nodes(ids:)` cost as many times their selection as they resolve; and with a
 * shared secret set, only the gateway (which sends it) may call `_service` and `_entities`.
 */
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { outcome, postGraphQL, type RawReply } from '../support/raw-http';
import { startTestService, testConfig, useTestService, type TestService } from '../support/service';

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { name } } }';

async function countryIds(api: TestService, n: number): Promise<string[]> {
  const { body } = await api.gql(`{ countries(first: ${n}) { nodes { id } } }`);
  return (body.data!.countries.nodes as { id: string }[]).map((c) => c.id);
}

const costOf = (reply: RawReply): number => reply.body.extensions!.cost.requested as number;

describe('Hardening: _entities and nodes(ids:) cost what they resolve', () => {
  const api = useTestService();

  it('refuses 101 representations with 400 BAD_USER_INPUT naming the limit', async () => {
    const r = Array.from({ length: 101 }, () => ({ __typename: 'Country', iso2: 'KZ' }));
    const reply = await postGraphQL(api.url, { query: ENTITIES, variables: { r } });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(/101 representations.*at most 100/);
  });

  it.each([
    ['a string', 'KZ'],
    ['false', false],
    ['an object without __typename', { iso2: 'KZ' }],
    ['an unknown __typename', { __typename: 'Nope', id: 'x' }],
    ['a type that is not an entity', { __typename: 'Query' }],
    ['a list', [{ __typename: 'Country', iso2: 'KZ' }]],
  ])('refuses %s as a representation with 400 BAD_USER_INPUT', async (_what, representation) => {
    const reply = await postGraphQL(api.url, {
      query: ENTITIES,
      variables: { r: [{ __typename: 'Country', iso2: 'KZ' }, representation] },
    });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors![0]!.message).toMatch(
      /^Invalid argument "representations": representations\[1\]/,
    );
  });

  it('counts representations across every _entities field of the operation', async () => {
    const r = Array.from({ length: 60 }, () => ({ __typename: 'Country', iso2: 'KZ' }));
    const reply = await postGraphQL(api.url, {
      query:
        'query($r: [_Any!]!) { a: _entities(representations: $r) { __typename } b: _entities(representations: $r) { __typename } }',
      variables: { r },
    });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(reply.body.errors![0]!.message).toMatch(/120 representations.*at most 100/);
  });

  it('costs _entities as the number of representations times the selection', async () => {
    const ids = await countryIds(api, 30);
    const costFor = async (n: number) => {
      const r = ids.slice(0, n).map((id) => ({ __typename: 'Country', id }));
      const reply = await postGraphQL(api.url, { query: ENTITIES, variables: { r } });
      expect(outcome(reply)).toEqual({ status: 200, codes: [] });
      expect(reply.body.data!._entities).toHaveLength(n);
      return costOf(reply);
    };
    expect(await costFor(5)).toBe(1 + 5 * 1);
    expect(await costFor(30)).toBe(1 + 30 * 1);
  });

  it('refuses 100 representations with nested lists on their cost', async () => {
    const ids = await countryIds(api, 30);
    const r = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Country', id: ids[i % ids.length] }));
    const reply = await postGraphQL(api.url, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        memberships(first: 100) { nodes { organization { members(first: 100) { nodes { __typename } } } } }
      } } }`,
      variables: { r },
    });
    expect(outcome(reply)).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(reply.body.errors![0]!.extensions!.cost).toBeGreaterThan(250_000);
  });

  it('costs nodes(ids:) as the number of ids times the selection', async () => {
    const ids = await countryIds(api, 30);
    const costFor = async (n: number) => {
      const reply = await postGraphQL(api.url, {
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Country { name } } }',
        variables: { ids: ids.slice(0, n) },
      });
      expect(outcome(reply)).toEqual({ status: 200, codes: [] });
      return costOf(reply);
    };
    expect(await costFor(2)).toBe(1 + 2 * 2);
    expect(await costFor(30)).toBe(1 + 30 * 2);
  });

  it('leaves _service and _entities open when no secret is set', async () => {
    const reply = await postGraphQL(api.url, { query: '{ _service { sdl } }' });
    expect(outcome(reply)).toEqual({ status: 200, codes: [] });
  });
});

describe('Hardening: a shared secret reserves _service and _entities to the gateway', () => {
  const SECRET = 'a-long-random-gateway-secret-0123456789';
  const HEADER = 'x-federation-secret';
  let api: TestService;
  let gateway: ApolloServer | undefined;
  beforeAll(async () => {
    api = await startTestService({ federationSecret: SECRET });
  });
  afterAll(async () => {
    await gateway?.stop();
    await api.stop();
  });

  it.each([
    ['_service', '{ _service { sdl } }'],
    ['_entities', '{ _entities(representations: [{ __typename: "Country", iso2: "KZ" }]) { __typename } }'],
    ['_service in a fragment', '{ ...F } fragment F on Query { _service { sdl } }'],
    ['_service beside other fields', '{ __typename countries(first: 1) { totalCount } s: _service { sdl } }'],
  ])('answers %s without the secret with 403 FORBIDDEN', async (_what, query) => {
    const attempts: Record<string, string>[] = [{}, { [HEADER]: 'wrong' }, { [HEADER]: `${SECRET}x` }];
    for (const headers of attempts) {
      const reply = await postGraphQL(api.url, { query }, headers);
      expect(outcome(reply)).toEqual({ status: 403, codes: ['FORBIDDEN'] });
      expect(reply.body.data).toBeUndefined();
      expect(reply.body.errors).toHaveLength(1);
      expect(reply.body.errors![0]!.message).toMatch(/reserved to the gateway/);
    }
  });

  it('answers the federation fields to a caller with the secret', async () => {
    const reply = await postGraphQL(
      api.url,
      {
        query:
          '{ _entities(representations: [{ __typename: "Country", iso2: "KZ" }]) { ... on Country { iso2 } } }',
      },
      { [HEADER]: SECRET },
    );
    expect(outcome(reply)).toEqual({ status: 200, codes: [] });
    expect(reply.body.data).toEqual({ _entities: [{ iso2: 'KZ' }] });
  });

  it('never serves a cached federation answer to a caller without the secret', async () => {
    const cached = await startTestService({
      federationSecret: SECRET,
      cache: { ...testConfig().cache, enabled: true },
    });
    try {
      const query =
        '{ _entities(representations: [{ __typename: "Country", iso2: "KZ" }]) { ... on Country { iso2 } } }';
      const first = await postGraphQL(cached.url, { query }, { [HEADER]: SECRET });
      const second = await postGraphQL(cached.url, { query }, { [HEADER]: SECRET });
      expect(outcome(first)).toEqual({ status: 200, codes: [] });
      expect(second.headers.get('x-cache')).toBe('hit');
      for (const headers of [{}, { [HEADER]: 'wrong' }] as Record<string, string>[]) {
        const reply = await postGraphQL(cached.url, { query }, headers);
        expect(outcome(reply)).toEqual({ status: 403, codes: ['FORBIDDEN'] });
        expect(reply.headers.get('x-cache')).not.toBe('hit');
      }
    } finally {
      await cached.stop();
    }
  });

  it('still answers every other field without the secret', async () => {
    const reply = await postGraphQL(api.url, { query: '{ __typename country(iso2: "KZ") { iso2 } }' });
    expect(outcome(reply)).toEqual({ status: 200, codes: [] });
    expect(reply.body.data).toEqual({ __typename: 'Query', country: { iso2: 'KZ' } });
  });

  it('serves a gateway that sends the secret', async () => {
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'eurasia-graph', url: api.url }] }),
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource({
            url,
            willSendRequest: ({ request }) => {
              request.http!.headers.set(HEADER, SECRET);
            },
          }),
      }),
    });
    await gateway.start();
    const response = await gateway.executeOperation({ query: '{ country(iso2: "KZ") { iso2 } }' });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({ country: { iso2: 'KZ' } });
  });
});
