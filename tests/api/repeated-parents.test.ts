/**
 * A request that names the same parent or entity many times (an organization under every membership that
 * names it, a country among the members of each of its organizations) shares one load of each per request:
 * every appearance must still answer exactly what the same field answers when it is asked for alone, for
 * its own page and date.
 */
import { startTestService, type TestService } from '../support/service';

const MEMBER_LISTS = `
  first2: members(first: 2) { totalCount nodes { id status member { __typename ... on Country { name } ... on Organization { name } } } }
  first3: members(first: 3) { nodes { id } }
  after2: members(first: 2, after: $after) { nodes { id } }
  asOf: members(first: 20, asOf: "2009") { totalCount nodes { id } }
`;

describe('Nested lists and references named many times in one request', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.stop();
  });

  it('answers every appearance of an organization as the organization asked for alone, page by page', async () => {
    const alone = await service.gql(
      `query($after: String) { organization(name: "OTS") { id ${MEMBER_LISTS} first1: members(first: 1) { pageInfo { endCursor } } } }`,
      { after: null },
    );
    expect(alone.body.errors).toBeUndefined();
    const organization = alone.body.data!.organization as Record<string, any>;
    const after = organization.first1.pageInfo.endCursor as string;
    const expected = await service.gql(
      `query($after: String) { organization(name: "OTS") { ${MEMBER_LISTS} } }`,
      { after },
    );
    expect(expected.body.errors).toBeUndefined();
    const own = expected.body.data!.organization as Record<string, any>;
    // the lists differ from one another, so that an appearance answered with another's page would show
    expect(own.first2.nodes).toHaveLength(2);
    expect(own.first3.nodes).toHaveLength(3);
    expect(own.after2.nodes[0].id).toBe(own.first3.nodes[1].id);
    expect(own.asOf.totalCount).not.toBe(own.first2.totalCount);

    // the organization under every membership of each of its members: many appearances in one request
    const deep = await service.gql(
      `query($after: String) { organization(name: "OTS") { members(first: 20) { nodes { member {
        ... on Country { memberships(first: 20) { nodes { organization { id ${MEMBER_LISTS} } } } } } } } } }`,
      { after },
    );
    expect(deep.body.errors).toBeUndefined();
    const appearances = (deep.body.data!.organization as any).members.nodes
      .flatMap((m: any) => m.member?.memberships?.nodes ?? [])
      .map((m: any) => m.organization)
      .filter((o: any) => o.id === organization.id);
    expect(appearances.length).toBeGreaterThan(3);
    for (const appearance of appearances) {
      const { id: _id, ...lists } = appearance;
      expect(lists).toEqual(own);
    }
  });

  it('gives each mention of an entity the entity itself, as asked for alone', async () => {
    const { body } = await service.gql(`{ countries(first: 30) { nodes { id memberships(first: 20) { nodes {
      organization { id name } member { ... on Country { id name } } } } } } }`);
    expect(body.errors).toBeUndefined();
    const names = new Map<string, Set<string>>();
    let mentions = 0;
    for (const country of (body.data as any).countries.nodes)
      for (const m of country.memberships.nodes) {
        expect(m.member.id).toBe(country.id);
        for (const entity of [m.organization, m.member]) {
          mentions++;
          names.set(entity.id, (names.get(entity.id) ?? new Set()).add(entity.name));
        }
      }
    expect(mentions).toBeGreaterThan(names.size * 2);
    for (const [id, seen] of names) {
      expect(seen.size).toBe(1);
      const alone = await service.gql(
        'query($id: ID!) { node(id: $id) { ... on Country { name } ... on Organization { name } } }',
        { id },
      );
      expect((alone.body.data as any).node.name).toBe([...seen][0]);
    }
  });
});
