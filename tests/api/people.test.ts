import { toGlobalId as id } from '../../src/provenance/ids';
import { collectPages } from '../support/paging';
import { expectBadUserInput, expectStatementsIndependentOfRows } from '../support/assertions';
import { useTestService } from '../support/service';

const api = useTestService();

type Slugged = { slug: string };
const slugs = (nodes: Slugged[]) => nodes.map((n) => n.slug);

const OF = 'of { __typename ... on Country { slug name } ... on Organization { slug name } }';

describe('People: one person', () => {
  it.each(['Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan', 'recep tayyip ERDOGAN', 'Erdogan', 'Erdoğan'])(
    'finds Recep Tayyip Erdoğan by %j, diacritics and case ignored',
    async (name) => {
      const { status, body } = await api.gql(
        'query($name: String) { person(name: $name) { id slug name aliases nationality { slug name } } }',
        { name },
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.person).toEqual({
        id: id('Person', 'recep-tayyip-erdogan'),
        slug: 'recep-tayyip-erdogan',
        name: 'Recep Tayyip Erdoğan',
        aliases: ['Erdoğan'],
        nationality: { slug: 'turkiye', name: 'Türkiye' },
      });
    },
  );

  it("gives Vladimir Putin's positions with their sources", async () => {
    const { body } = await api.gql(`{ person(name: "Vladimir Putin") {
      slug nationality { name }
      positions { totalCount nodes { slug title since { text } until { text } rank person { slug } ${OF}
        sources { quote document { id } } claims(fields: [TITLE]) { value } } }
    } }`);
    expect(body.errors).toBeUndefined();
    const putin = body.data!.person;
    expect(putin.nationality).toEqual({ name: 'Russia' });
    expect(putin.positions.totalCount).toBe(1);
    const president = putin.positions.nodes[0];
    expect(president).toMatchObject({
      slug: 'vladimir-putin--president-of-russia',
      title: 'President',
      since: null,
      until: null,
      person: { slug: 'vladimir-putin' },
      of: { __typename: 'Country', slug: 'russia', name: 'Russia' },
      claims: [{ value: 'President' }],
    });
    expect(['PREFERRED', 'NORMAL']).toContain(president.rank);
    expect(president.sources).toEqual([
      {
        quote:
          'Russian President Vladimir Putin and Turkish President Recep Tayyip Erdoğan convened in Turkmenistan this week',
        document: { id: id('Document', 'erdogan-putin-ashgabat-meeting') },
      },
    ]);
  });

  it('lists positions latest first, undated last', async () => {
    const { body } = await api.gql(
      `{ person(name: "Ali Furkan Tokgoz") { name positions { nodes { title since { text } ${OF} } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.person.name).toBe('Ali Furkan Tokgöz');
    const positions = body.data!.person.positions.nodes as {
      title: string;
      since: { text: string } | null;
      of: Slugged;
    }[];
    expect(positions.map((p) => p.since?.text ?? null)).toEqual(['2022', '2021', null]);
    expect(positions[0]!.title).toBe('Undergraduate student, Department of Law');
    expect(positions[2]!.of.slug).toBe('center-for-diplomatic-affairs-and-political-studies');
  });

  it('gives null for a position that the sources tie to no state or organization', async () => {
    const { body } = await api.gql(
      `{ person(name: "Gaziz Abishev") { positions { nodes { title ${OF} } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.person.positions.nodes).toEqual([{ title: 'Political analyst', of: null }]);
  });

  it('finds a person by id, and answers null for an unknown name or an id of another type', async () => {
    const { body } = await api.gql(
      `query($putin: ID, $kz: ID) {
        byId: person(id: $putin) { name }
        byName: person(name: "Genghis Khan") { name }
        wrongType: person(id: $kz) { name }
      }`,
      { putin: id('Person', 'vladimir-putin'), kz: id('Country', 'kazakhstan') },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ byId: { name: 'Vladimir Putin' }, byName: null, wrongType: null });
  });

  it('is reachable as a federation entity, and so is a position', async () => {
    const { body } = await api.gql(
      `query($p: ID!, $pos: ID!) { _entities(representations: [{ __typename: "Person", id: $p }, { __typename: "Position", id: $pos }]) {
        ... on Person { name } ... on Position { title person { name } }
      } }`,
      { p: id('Person', 'vladimir-putin'), pos: id('Position', 'vladimir-putin--president-of-russia') },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([
      { name: 'Vladimir Putin' },
      { title: 'President', person: { name: 'Vladimir Putin' } },
    ]);
  });
});

describe('People: the list', () => {
  const ALL = '{ people(first: 100) { totalCount nodes { slug name } } }';

  it('lists everyone by name, and backwards when asked', async () => {
    const { body } = await api.gql(ALL);
    expect(body.errors).toBeUndefined();
    const names = (body.data!.people.nodes as { name: string }[]).map((n) => n.name);
    expect(names.length).toBe(body.data!.people.totalCount);
    expect(names).toContain('Vladimir Putin');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const desc = await api.gql(
      '{ people(first: 100, orderBy: { field: NAME, direction: DESC }) { nodes { name } } }',
    );
    expect((desc.body.data!.people.nodes as { name: string }[]).map((n) => n.name)).toEqual(
      [...names].reverse(),
    );
  });

  it('pages through everyone with no duplicate and no gap', async () => {
    const all = await api.gql(ALL);
    const expected = slugs(all.body.data!.people.nodes);
    const seen = await collectPages(
      api,
      'query($after: String) { people(first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug } } }',
      'people',
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by nationality', async () => {
    const { body } = await api.gql(
      'query($c: ID) { people(filter: { nationality: $c }) { nodes { slug } } }',
      {
        c: id('Country', 'russia'),
      },
    );
    expect(body.errors).toBeUndefined();
    expect(slugs(body.data!.people.nodes)).toEqual(['vladimir-putin']);
  });

  it('filters by who held a position of a state or an organization', async () => {
    const { body } = await api.gql(
      `query($kz: ID, $eu: ID) {
        kz: people(filter: { positionOf: $kz }) { totalCount nodes { slug } }
        eu: people(filter: { positionOf: $eu }) { nodes { slug } }
      }`,
      { kz: id('Country', 'kazakhstan'), eu: id('Organization', 'european-union') },
    );
    expect(body.errors).toBeUndefined();
    expect(slugs(body.data!.kz.nodes)).toEqual([
      'igor-lepekha',
      'imangali-tasmagambetov',
      'kassym-jomart-tokayev',
      'murat-nurtleu',
    ]);
    expect(slugs(body.data!.eu.nodes)).toEqual(['josef-sikela', 'kaja-kallas']);
  });

  it('loads the positions of everyone on a page in a fixed number of statements', async () => {
    await expectStatementsIndependentOfRows(
      api,
      (first) =>
        `{ people(first: ${first}) { nodes { slug nationality { name } positions { totalCount nodes { title ${OF} } } } } }`,
      8,
    );
  });
});

describe('People: positions of a state and of an organization', () => {
  it("gives Kazakhstan's positions, each with the person who held it", async () => {
    const { body } = await api.gql(
      '{ country(iso2: "KZ") { positions { totalCount nodes { title person { name } of { ... on Country { slug } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.country.positions).toEqual({
      totalCount: 4,
      nodes: [
        {
          title: 'Deputy Minister of Internal Affairs',
          person: { name: 'Igor Lepekha' },
          of: { slug: 'kazakhstan' },
        },
        { title: 'Foreign Minister', person: { name: 'Murat Nurtleu' }, of: { slug: 'kazakhstan' } },
        { title: 'President', person: { name: 'Kassym-Jomart Tokayev' }, of: { slug: 'kazakhstan' } },
        { title: 'Prime Minister', person: { name: 'Imangali Tasmagambetov' }, of: { slug: 'kazakhstan' } },
      ],
    });
  });

  it("gives the European Union's positions and pages through them", async () => {
    const q =
      'query($after: String) { organization(name: "European Union") { positions(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { person { slug } } } } }';
    const first = await api.gql(q);
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.organization.positions;
    expect(page1).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ person: { slug: 'josef-sikela' } }],
    });
    const second = await api.gql(q, { after: page1.pageInfo.endCursor });
    expect(second.body.data!.organization.positions).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ person: { slug: 'kaja-kallas' } }],
    });
  });
});

describe('People: bad arguments', () => {
  it('refuses first: 500, at the root and nested', async () => {
    const root = await api.gql('{ people(first: 500) { totalCount } }');
    expectBadUserInput(root.body, 'first');
    expect(root.body.errors![0]!.message).toBe(
      'Invalid argument "first": 500 is out of range: expected 1 to 100',
    );
    const nested = await api.gql('{ person(name: "Putin") { positions(first: 500) { totalCount } } }');
    expectBadUserInput(nested.body, 'first');
  });

  it('refuses two lookup keys, naming them', async () => {
    const { body } = await api.gql('query($id: ID) { person(id: $id, name: "Putin") { slug } }', {
      id: id('Person', 'vladimir-putin'),
    });
    expectBadUserInput(body, 'name', /person takes exactly one of `id`, `name`; got `id` and `name`/);
  });

  it('refuses a name longer than any name', async () => {
    const { body } = await api.gql('query($name: String) { person(name: $name) { slug } }', {
      name: 'x'.repeat(301),
    });
    expectBadUserInput(body, 'name');
  });

  it('refuses ids of the wrong type in filters', async () => {
    const nationality = await api.gql(
      'query($c: ID) { people(filter: { nationality: $c }) { totalCount } }',
      {
        c: id('Organization', 'european-union'),
      },
    );
    expectBadUserInput(nationality.body, 'filter.nationality');
    const positionOf = await api.gql('query($c: ID) { people(filter: { positionOf: $c }) { totalCount } }', {
      c: id('Person', 'vladimir-putin'),
    });
    expectBadUserInput(positionOf.body, 'filter.positionOf', /not the id of a Country or Organization/);
  });

  it('refuses a cursor it did not make', async () => {
    const { body } = await api.gql('{ people(after: "not-a-cursor") { totalCount } }');
    expectBadUserInput(body, 'after');
  });
});

describe('People: the schema', () => {
  it('describes every type, field, argument, input field and enum value it adds', async () => {
    const { body } = await api.gql(`{ __schema { types {
      name description
      fields { name description args { name description } }
      inputFields { name description }
      enumValues { name description }
    } } }`);
    // Whole types this domain owns, and the fields it adds to types owned elsewhere.
    const mine: Record<string, string[] | '*'> = {
      Person: '*',
      PersonConnection: '*',
      PersonEdge: '*',
      Position: '*',
      PositionConnection: '*',
      PositionEdge: '*',
      PersonFilter: '*',
      PersonOrder: '*',
      PersonOrderField: '*',
      Query: ['person', 'people'],
      Country: ['positions'],
      Organization: ['positions'],
    };
    const types = body.data!.__schema.types as any[];
    const missing: string[] = [];
    for (const type of types.filter((t) => t.name in mine)) {
      const own = mine[type.name]!;
      const wanted = (name: string) => own === '*' || own.includes(name);
      if (own === '*' && !type.description) missing.push(type.name);
      for (const f of (type.fields ?? []).filter((f: { name: string }) => wanted(f.name))) {
        if (!f.description) missing.push(`${type.name}.${f.name}`);
        for (const a of f.args) if (!a.description) missing.push(`${type.name}.${f.name}(${a.name})`);
      }
      for (const f of type.inputFields ?? []) if (!f.description) missing.push(`${type.name}.${f.name}`);
      for (const v of type.enumValues ?? []) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
    const fieldsOf = (name: string) =>
      types.find((t) => t.name === name).fields.map((f: { name: string }) => f.name) as string[];
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['person', 'people']));
    expect(fieldsOf('Country')).toContain('positions');
    expect(fieldsOf('Organization')).toContain('positions');
    expect(fieldsOf('Position')).toEqual(
      expect.arrayContaining(['person', 'of', 'title', 'since', 'until', 'sources']),
    );
  });
});
