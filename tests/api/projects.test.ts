import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

type Nodes = { slug: string }[];
const slugs = (nodes: Nodes) => nodes.map((n) => n.slug);

async function listProjects(args: string): Promise<string[]> {
  const { body } = await api.gql(`{ projects(first: 100${args ? `, ${args}` : ''}) { nodes { slug } } }`);
  expect(body.errors).toBeUndefined();
  return slugs(body.data!.projects.nodes as Nodes);
}

async function idOf(type: 'country' | 'organization' | 'agreement', name: string): Promise<string> {
  const { body } = await api.gql(`query($name: String!) { ${type}(name: $name) { id } }`, { name });
  return body.data![type].id as string;
}

describe('Projects: lookup', () => {
  it('finds the Middle Corridor by an alias, with its participants by name, each with role and sources', async () => {
    const { body } = await api.gql(`{
      project(name: "trans-caspian international transport route") {
        slug name kind aliases
        participants {
          totalCount
          nodes {
            role
            project { slug }
            participant { __typename ... on Country { name } ... on Organization { name } }
            sources { quote document { title } }
          }
        }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const project = body.data!.project;
    expect(project).toMatchObject({ slug: 'middle-corridor', name: 'Middle Corridor', kind: 'CORRIDOR' });
    expect(project.aliases).toContain('Trans-Caspian International Transport Route');
    const participants = project.participants as {
      totalCount: number;
      nodes: {
        role: string;
        project: { slug: string };
        participant: { __typename: string; name: string };
        sources: { quote: string; document: { title: string } }[];
      }[];
    };
    expect(participants.totalCount).toBe(6);
    expect(participants.nodes.map((p) => [p.participant.name, p.role])).toEqual([
      ['Azerbaijan', 'PARTNER'],
      ['China', 'FUNDER'],
      ['Georgia', 'PARTNER'],
      ['Kazakhstan', 'PARTNER'],
      ['Türkiye', 'PARTNER'],
      ['Uzbekistan', 'PARTNER'],
    ]);
    for (const p of participants.nodes) {
      expect(p.project.slug).toBe('middle-corridor');
      expect(p.participant.__typename).toBe('Country');
      expect(p.sources.length).toBeGreaterThan(0);
    }
    const china = participants.nodes.find((p) => p.participant.name === 'China')!;
    expect(china.sources.map((s) => s.quote)).toEqual([
      'Against increasing Chinese investments in the Middle Corridor',
    ]);
    // Two documents state Azerbaijan's part: both are its sources.
    const azerbaijan = participants.nodes[0]!;
    expect(new Set(azerbaijan.sources.map((s) => s.document.title)).size).toBe(2);
  });

  it('finds a project with an organization as participant', async () => {
    const { body } = await api.gql(
      '{ project(name: "Kuirektykol deposit") { participants { nodes { role participant { __typename ... on Organization { slug } ... on Country { slug } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.participants.nodes).toEqual([
      { role: 'HOST', participant: { __typename: 'Country', slug: 'kazakhstan' } },
      { role: 'OPERATOR', participant: { __typename: 'Organization', slug: 'tau-ken-samruk' } },
      { role: 'PARTNER', participant: { __typename: 'Organization', slug: 'tsentrgeolszemnadzor' } },
    ]);
  });

  it('finds the same project by id, and answers null for unknown names', async () => {
    const byName = await api.gql('{ project(name: "Middle Corridor") { id } }');
    const id = byName.body.data!.project.id as string;
    const { body } = await api.gql(
      'query($id: ID!) { byId: project(id: $id) { slug } none: project(name: "Atlantis Canal") { slug } }',
      { id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ byId: { slug: 'middle-corridor' }, none: null });
  });

  it('refuses two lookup keys at once, and none', async () => {
    const two = await api.gql('{ project(id: "UHJvamVjdDp4", name: "Middle Corridor") { name } }');
    expect(two.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(two.body.errors![0]!.message).toMatch(/exactly one of `id`, `name`; got `id` and `name`/);
    const none = await api.gql('{ project { name } }');
    expect(none.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(none.body.errors![0]!.message).toMatch(/got none/);
  });
});

describe('Projects: the list', () => {
  it('filters by kind', async () => {
    expect((await listProjects('filter: { kinds: [PORT] }')).sort()).toEqual([
      'aktau-port-upgrade',
      'alat-intermodal-terminal',
      'alat-port-new-terminal',
      'kuryk-grain-terminal',
    ]);
  });

  it('filters by kind and status together', async () => {
    expect(await listProjects('filter: { kinds: [PORT], statuses: [UNDER_CONSTRUCTION] }')).toEqual([
      'aktau-port-upgrade',
      'alat-port-new-terminal',
    ]);
  });

  it('filters by participant, a state or an organization', async () => {
    const china = await idOf('country', 'China');
    expect((await listProjects(`filter: { participant: "${china}" }`)).sort()).toEqual([
      'aktau-port-upgrade',
      'belt-and-road-initiative',
      'central-asia-south-caucasus-western-europe-transport-corridor',
      'middle-corridor',
    ]);
    const uae = await idOf('country', 'United Arab Emirates');
    expect(await listProjects(`filter: { participant: "${uae}", kinds: [PORT] }`)).toEqual([
      'kuryk-grain-terminal',
    ]);
  });

  it('sorts by name, either way', async () => {
    const { body } = await api.gql(`{
      asc: projects(first: 100) { totalCount nodes { name } }
      desc: projects(first: 100, orderBy: { field: NAME, direction: DESC }) { nodes { name } }
    }`);
    expect(body.errors).toBeUndefined();
    const asc = (body.data!.asc.nodes as { name: string }[]).map((n) => n.name);
    const desc = (body.data!.desc.nodes as { name: string }[]).map((n) => n.name);
    expect(asc.length).toBe(body.data!.asc.totalCount);
    expect(asc.length).toBe(34);
    expect(asc[0]).toBe('Aktau port upgrade');
    expect(desc).toEqual([...asc].reverse());
  });

  it('pages through every project with no duplicate and no gap', async () => {
    const expected = await listProjects('');
    const seen = await collectPages(
      api,
      'query($after: String) { projects(first: 5, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }',
      'projects',
      { maxPages: 20 },
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(34);
  });
});

describe('Projects: of a state or an organization', () => {
  it("lists China's projects by name, with its role in each", async () => {
    const { body } = await api.gql(
      '{ country(name: "China") { projects { totalCount nodes { role participant { ... on Country { slug } } project { name } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const conn = body.data!.country.projects;
    expect(conn.totalCount).toBe(4);
    expect(
      conn.nodes.map((n: { role: string; project: { name: string } }) => [n.project.name, n.role]),
    ).toEqual([
      ['Aktau port upgrade', 'FUNDER'],
      ['Belt and Road Initiative', 'INITIATOR'],
      ['Middle Corridor', 'FUNDER'],
      ['Transport corridor linking Central Asia with the South Caucasus and Western Europe', 'PARTNER'],
    ]);
    expect(conn.nodes.every((n: { participant: { slug: string } }) => n.participant.slug === 'china')).toBe(
      true,
    );
  });

  it("lists an organization's projects", async () => {
    const { body } = await api.gql(
      '{ organization(name: "Tau-Ken Samruk") { projects { nodes { role project { slug } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.organization.projects.nodes).toEqual([
      { role: 'OPERATOR', project: { slug: 'kuirektykol-deposit' } },
    ]);
  });

  it("pages through Kazakhstan's projects", async () => {
    const all = await api.gql(
      '{ country(name: "Kazakhstan") { projects(first: 100) { totalCount nodes { project { slug } } } } }',
    );
    const expected = all.body.data!.country.projects.nodes.map(
      (n: { project: { slug: string } }) => n.project.slug,
    );
    expect(expected.length).toBe(all.body.data!.country.projects.totalCount);
    expect(expected.length).toBe(13);
    const seen = await collectPages(
      api,
      'query($after: String) { country(name: "Kazakhstan") { projects(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { project { slug } } } } }',
      'country.projects',
      {
        maxPages: 10,
        items: (conn) => conn.nodes!.map((n: { project: { slug: string } }) => n.project.slug),
      },
    );
    expect(seen).toEqual(expected);
  });
});

describe('Projects: bad arguments', () => {
  it('refuses first: 0 on participants, naming the argument', async () => {
    const { body } = await api.gql(
      '{ project(name: "Middle Corridor") { participants(first: 0) { totalCount } } }',
    );
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toBe('Invalid argument "first": 0 is out of range: expected 1 to 100');
  });

  it('refuses a participant id of the wrong type', async () => {
    const agreement = await idOf('agreement', 'Samarkand Declaration');
    const { body } = await api.gql(`{ projects(filter: { participant: "${agreement}" }) { totalCount } }`);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.extensions!.argumentName).toBe('filter.participant');
  });

  it('refuses a name that is far too long', async () => {
    const { body } = await api.gql('query($n: String!) { project(name: $n) { slug } }', {
      n: 'x'.repeat(301),
    });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.extensions!.argumentName).toBe('name');
  });
});
