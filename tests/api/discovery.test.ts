import { expectBadUserInput } from '../support/assertions';
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

async function idOf(type: 'country' | 'organization' | 'person', name: string): Promise<string> {
  const { body } = await api.gql(`query($name: String!) { ${type}(name: $name) { id } }`, { name });
  expect(body.errors).toBeUndefined();
  return body.data![type].id as string;
}

const HIT_NODE = `__typename
  ... on Country { id slug name }
  ... on Organization { id slug name }
  ... on Agreement { id slug name }
  ... on Event { id slug name }
  ... on Project { id slug name }
  ... on Person { id slug name }
  ... on Membership { id slug }
  ... on AgreementParty { id slug }
  ... on EventParticipant { id slug }
  ... on ProjectParticipant { id slug }
  ... on Position { id slug }
  ... on Figure { id slug }
  ... on Document { id title }`;

type Hit = {
  cursor: string;
  score: number;
  matchedIn: string[];
  node: { __typename: string; id: string; slug?: string; name?: string; title?: string };
};

async function search(text: string, args = ''): Promise<{ totalCount: number; edges: Hit[] }> {
  const { body } = await api.gql(
    `query($text: String!) { search(text: $text, first: 100 ${args}) { totalCount edges { cursor score matchedIn node { ${HIT_NODE} } } } }`,
    { text },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.search;
}

describe('Discovery: search', () => {
  // An exact name match outranks any full-text match, however relevant ("Turkic Council" is a former name).
  it('finds the Organization of Turkic States first for "Turkic Council"', async () => {
    const { edges } = await search('Turkic Council');
    expect(edges[0]!.node).toMatchObject({
      __typename: 'Organization',
      slug: 'organization-of-turkic-states',
    });
    expect(edges[0]!.matchedIn).toContain('name');
  });

  it('finds the Organization of Turkic States by "Turkic Council" as a name match', async () => {
    const { edges } = await search('Turkic Council');
    const ots = edges.find((e) => e.node.slug === 'organization-of-turkic-states');
    expect(ots).toBeDefined();
    expect(ots!.node.__typename).toBe('Organization');
    expect(ots!.matchedIn).toContain('name');
  });

  it('finds the European Union first for "EU"', async () => {
    const { totalCount, edges } = await search('EU');
    expect(totalCount).toBeGreaterThan(1);
    expect(edges[0]!.node).toMatchObject({
      __typename: 'Organization',
      slug: 'european-union',
      name: 'European Union',
    });
    expect(edges[0]!.matchedIn).toContain('name');
    expect(edges[0]!.score).toBeGreaterThan(edges[1]!.score);
  });

  it('finds an entity by a word that stands only in a quote', async () => {
    // "it is foreseeable that the EU and the TDT will have to overcome internal relations" backs the EU's acronym.
    const { totalCount, edges } = await search('foreseeable');
    expect(totalCount).toBeGreaterThanOrEqual(1);
    const eu = edges.find((e) => e.node.slug === 'european-union');
    expect(eu).toBeDefined();
    expect(eu!.node.__typename).toBe('Organization');
    expect(eu!.matchedIn).toContain('quote');
    expect(eu!.matchedIn).not.toContain('name');
  });

  it('restricts the results to the types asked for', async () => {
    const all = await search('Turkic');
    const agreements = await search('Turkic', ', types: [AGREEMENT]');
    expect(agreements.totalCount).toBe(agreements.edges.length);
    expect(agreements.edges.length).toBeGreaterThan(0);
    expect(agreements.edges.every((e) => e.node.__typename === 'Agreement')).toBe(true);
    expect(agreements.edges.map((e) => e.node.slug)).toEqual(
      expect.arrayContaining(['turkic-world-vision-2040', 'nakhchivan-agreement']),
    );
    expect(all.edges.some((e) => e.node.__typename !== 'Agreement')).toBe(true);
    expect(agreements.totalCount).toBeLessThan(all.totalCount);
    // The restricted list is the unrestricted one with the other types left out.
    expect(agreements.edges.map((e) => e.node.id).sort()).toEqual(
      all.edges
        .filter((e) => e.node.__typename === 'Agreement')
        .map((e) => e.node.id)
        .sort(),
    );

    const documents = await search('Turkic', ', types: [DOCUMENT, ORGANIZATION]');
    expect(documents.edges.length).toBeGreaterThan(0);
    expect(
      documents.edges.every((e) => e.node.__typename === 'Document' || e.node.__typename === 'Organization'),
    ).toBe(true);
  });

  it('ranks best first', async () => {
    const { totalCount, edges } = await search('Turkic');
    // a result to rank: many hits, of more than one score, all on this page
    expect(edges.length).toBeGreaterThanOrEqual(5);
    expect(edges.length).toBe(totalCount);
    const scores = edges.map((e) => e.score);
    expect(new Set(scores).size).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the best is a name match, and every name match comes before every hit found only in the text
    expect(edges[0]!.matchedIn).toContain('name');
    const byName = edges.map((e) => e.matchedIn.includes('name'));
    expect(byName.lastIndexOf(true)).toBeLessThan(byName.indexOf(false));
  });

  it.each(['Turkic', 'EU'])('pages through every hit for %j with no duplicate and no gap', async (text) => {
    const all = await search(text);
    expect(all.edges).toHaveLength(all.totalCount);
    const expected = all.edges.map((e) => `${e.node.__typename}:${e.node.id}`);
    const seen = await collectPages(
      api,
      `query($text: String!, $after: String) { search(text: $text, first: 4, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${HIT_NODE} } } } }`,
      'search',
      {
        variables: { text },
        maxPages: 50,
        expectNoErrors: true,
        onPage: (conn) => expect(conn.totalCount).toBe(all.totalCount),
        items: (conn) => (conn.edges as Hit[]).map((e) => `${e.node.__typename}:${e.node.id}`),
      },
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(all.totalCount);
    expect(seen).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['201 characters', 'a'.repeat(201)],
  ])('refuses %s text, naming `text`', async (_label, text) => {
    const { body } = await api.gql('query($text: String!) { search(text: $text) { totalCount } }', { text });
    expectBadUserInput(body, 'text');
  });

  it('accepts 200 characters', async () => {
    const { body } = await api.gql('query($text: String!) { search(text: $text) { totalCount } }', {
      text: 'a'.repeat(200),
    });
    expect(body.errors).toBeUndefined();
    expect(typeof body.data!.search.totalCount).toBe('number');
  });
});

type TimelineEdge = {
  cursor: string;
  date: { text: string; precision: string };
  node: { __typename: string; slug: string; eventKind?: string; agreementKind?: string };
};

const TIMELINE_FIELDS = `totalCount pageInfo { hasNextPage endCursor }
  edges { cursor date { text precision } node { __typename
    ... on Event { slug eventKind: kind start { text } }
    ... on Agreement { slug agreementKind: kind signed { text } } } }`;

async function timeline(
  vars: Record<string, unknown>,
): Promise<{ totalCount: number; edges: TimelineEdge[] }> {
  const { body } = await api.gql(
    `query($p: [ID!], $from: String, $to: String, $kinds: [TimelineKind!]) {
      timeline(participants: $p, from: $from, to: $to, kinds: $kinds, first: 100) { ${TIMELINE_FIELDS} } }`,
    vars,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.timeline;
}

/** Fixed-width key of a partial date: a year before its months, a month before its days, unknown last. */
const dateKey = (text: string) => {
  if (text === 'unknown') return '9999-99-99';
  if (/^\d{4}$/.test(text)) return `${text}-00-00`;
  if (/^\d{4}-\d{2}$/.test(text)) return `${text}-00`;
  return text;
};

const KAZAKHSTAN_DATED = [
  ['1991-12-16', 'kazakhstan-declaration-of-independence'],
  ['1991-12-16', 'turkiye-recognition-of-kazakhstan'],
  ['1992-03-02', 'kazakhstan-turkiye-diplomatic-relations-established'],
  ['2006-07', 'astana-transport-corridor-meeting-2006'],
  ['2009-10-03', 'nakhchivan-agreement'],
  ['2022', 'middle-corridor-ministerial-meeting-2022-baku'],
  ['2022-01', 'csto-mission-in-kazakhstan-2022'],
  ['2024-12', 'kazakhstan-alat-terminal-financing-announcement-2024'],
  ['2025-03', 'azerbaijan-kazakhstan-georgia-trilateral-meetings-2025'],
  ['2025-03', 'kazakhstan-azerbaijan-fiber-optic-cable-agreement'],
  ['2025-03-12', 'rubio-nurtleu-call-2025-03-12'],
  ['2025-04', 'samarkand-declaration'],
  ['2025-04-03', 'central-asia-eu-summit-2025'],
];

describe('Discovery: timeline', () => {
  it("orders Kazakhstan's events and agreements by date, a year before its days, unknown dates last", async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const { totalCount, edges } = await timeline({ p: [kazakhstan] });
    expect(totalCount).toBe(22);
    expect(edges).toHaveLength(22);
    for (let i = 1; i < edges.length; i++)
      expect(dateKey(edges[i]!.date.text) >= dateKey(edges[i - 1]!.date.text)).toBe(true);

    const dated = edges.filter((e) => e.date.text !== 'unknown');
    expect(dated.map((e) => e.date.text)).toEqual(KAZAKHSTAN_DATED.map(([date]) => date));
    // Entries on the same date may come in any order.
    expect(dated.map((e) => `${e.date.text} ${e.node.slug}`).sort()).toEqual(
      KAZAKHSTAN_DATED.map(([date, slug]) => `${date} ${slug}`).sort(),
    );
    // "2022" comes before "2022-01", and before every day of 2022.
    const at = (slug: string) => edges.findIndex((e) => e.node.slug === slug);
    expect(at('middle-corridor-ministerial-meeting-2022-baku')).toBeLessThan(
      at('csto-mission-in-kazakhstan-2022'),
    );
    expect(at('samarkand-declaration')).toBeLessThan(at('central-asia-eu-summit-2025'));
    // The unknown-dated entries all come after the dated ones.
    expect(edges.slice(dated.length).every((e) => e.date.text === 'unknown')).toBe(true);
    expect(edges.slice(dated.length).every((e) => e.date.precision === 'UNKNOWN')).toBe(true);
    expect(edges.map((e) => e.node.slug)).toEqual(
      expect.arrayContaining([
        'turkish-president-state-visit-to-kazakhstan',
        'kazakhstan-azerbaijan-joint-investment-fund',
      ]),
    );
  });

  it('includes the 1991-12-16 recognition by Türkiye and the 2009 Nakhchivan Agreement, with their dates', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const { edges } = await timeline({ p: [kazakhstan] });
    const recognition = edges.find((e) => e.node.slug === 'turkiye-recognition-of-kazakhstan')!;
    expect(recognition).toMatchObject({
      date: { text: '1991-12-16', precision: 'DAY' },
      node: { __typename: 'Event', eventKind: 'RECOGNITION' },
    });
    const nakhchivan = edges.find((e) => e.node.slug === 'nakhchivan-agreement')!;
    expect(nakhchivan).toMatchObject({
      date: { text: '2009-10-03', precision: 'DAY' },
      node: { __typename: 'Agreement', agreementKind: 'TREATY' },
    });
  });

  it('keeps only entries involving every participant given', async () => {
    const [kazakhstan, turkiye] = await Promise.all([
      idOf('country', 'Kazakhstan'),
      idOf('country', 'Türkiye'),
    ]);
    const { edges } = await timeline({ p: [kazakhstan, turkiye] });
    expect(edges.map((e) => e.node.slug)).toEqual([
      'turkiye-recognition-of-kazakhstan',
      'kazakhstan-turkiye-diplomatic-relations-established',
      'astana-transport-corridor-meeting-2006',
      'nakhchivan-agreement',
      'middle-corridor-ministerial-meeting-2022-baku',
      'turkish-president-state-visit-to-kazakhstan',
    ]);
  });

  it('keeps only dated entries that may fall in a from/to range', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const range = await timeline({ p: [kazakhstan], from: '1992', to: '2009' });
    expect(range.edges.map((e) => [e.date.text, e.node.slug])).toEqual([
      ['1992-03-02', 'kazakhstan-turkiye-diplomatic-relations-established'],
      ['2006-07', 'astana-transport-corridor-meeting-2006'],
      ['2009-10-03', 'nakhchivan-agreement'],
    ]);
    expect(range.totalCount).toBe(3);

    // An open-ended range still leaves unknown dates out; "2025-03" overlaps "2025-03-12".
    const since = await timeline({ p: [kazakhstan], from: '2025-03-12' });
    expect(since.edges.every((e) => e.date.text !== 'unknown')).toBe(true);
    expect(since.edges.map((e) => e.date.text)).toEqual([
      '2025-03',
      '2025-03',
      '2025-03-12',
      '2025-04',
      '2025-04-03',
    ]);
    const until = await timeline({ p: [kazakhstan], to: '1991' });
    expect(until.edges.map((e) => e.node.slug).sort()).toEqual([
      'kazakhstan-declaration-of-independence',
      'turkiye-recognition-of-kazakhstan',
    ]);
  });

  it('filters by kinds of events and of agreements', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const some = await timeline({ p: [kazakhstan], kinds: ['RECOGNITION', 'TREATY'] });
    expect(some.edges.map((e) => [e.node.__typename, e.node.slug])).toEqual([
      ['Event', 'turkiye-recognition-of-kazakhstan'],
      ['Agreement', 'nakhchivan-agreement'],
    ]);
    // DECLARATION is a kind of event and of agreement.
    const declarations = await timeline({ p: [kazakhstan], kinds: ['DECLARATION'] });
    expect(declarations.edges.map((e) => [e.node.__typename, e.node.slug])).toEqual([
      ['Event', 'kazakhstan-declaration-of-independence'],
      ['Agreement', 'samarkand-declaration'],
    ]);
  });

  it('pages through the whole timeline with no duplicate and no gap', async () => {
    const all = await timeline({});
    expect(all.edges).toHaveLength(all.totalCount);
    const seen = await collectPages(
      api,
      `query($after: String) { timeline(first: 7, after: $after) { ${TIMELINE_FIELDS} } }`,
      'timeline',
      {
        maxPages: 100,
        items: (conn) => (conn.edges as TimelineEdge[]).map((e) => `${e.node.__typename}:${e.node.slug}`),
      },
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.edges.map((e) => `${e.node.__typename}:${e.node.slug}`));
    for (let i = 1; i < all.edges.length; i++)
      expect(dateKey(all.edges[i]!.date.text) >= dateKey(all.edges[i - 1]!.date.text)).toBe(true);
  });

  it('refuses an impossible date, naming `from`, and a bad `to`', async () => {
    expectBadUserInput((await api.gql('{ timeline(from: "2025-13") { totalCount } }')).body, 'from');
    expectBadUserInput((await api.gql('{ timeline(to: "2025-02-30") { totalCount } }')).body, 'to');
  });
});

describe('Discovery: relations', () => {
  const RELATIONS = `
    between { __typename ... on Country { slug } ... on Organization { slug } }
    sharedMemberships(first: 50) { totalCount nodes {
      organization { slug name }
      memberships { status member { __typename ... on Country { slug } } organization { slug } sources { quote } }
    } }
    agreements(first: 50) { totalCount nodes { slug name signed { text } } }
    events(first: 50) { totalCount nodes { slug name kind start { text precision } } }
    figures(first: 50) { totalCount nodes { slug metric value unit period { text } sources { quote } } }`;

  it('shows what connects Kazakhstan and Türkiye', async () => {
    const [kazakhstan, turkiye] = await Promise.all([
      idOf('country', 'Kazakhstan'),
      idOf('country', 'Türkiye'),
    ]);
    const { body } = await api.gql(`query($b: [ID!]!) { relations(between: $b) { ${RELATIONS} } }`, {
      b: [kazakhstan, turkiye],
    });
    expect(body.errors).toBeUndefined();
    const r = body.data!.relations;
    expect(r.between).toEqual([
      { __typename: 'Country', slug: 'kazakhstan' },
      { __typename: 'Country', slug: 'turkiye' },
    ]);

    // Both are founding members of the OTS: one membership each, in the order asked.
    const ots = (
      r.sharedMemberships.nodes as {
        organization: { slug: string; name: string };
        memberships: {
          status: string;
          member: { slug: string };
          organization: { slug: string };
          sources: unknown[];
        }[];
      }[]
    ).find((s) => s.organization.slug === 'organization-of-turkic-states');
    expect(ots).toBeDefined();
    expect(ots!.organization.name).toBe('Organization of Turkic States');
    expect(ots!.memberships.map((m) => [m.member.slug, m.status])).toEqual([
      ['kazakhstan', 'FOUNDING_MEMBER'],
      ['turkiye', 'FOUNDING_MEMBER'],
    ]);
    for (const m of ots!.memberships) {
      expect(m.organization.slug).toBe('organization-of-turkic-states');
      expect(m.sources.length).toBeGreaterThan(0);
    }

    expect(r.agreements.nodes).toContainEqual({
      slug: 'nakhchivan-agreement',
      name: 'Nakhchivan Agreement',
      signed: { text: '2009-10-03' },
    });

    const events = r.events.nodes as { slug: string; kind: string; start: { text: string } | null }[];
    expect(events).toContainEqual(
      expect.objectContaining({
        slug: 'kazakhstan-turkiye-diplomatic-relations-established',
        kind: 'ESTABLISHMENT',
        start: { text: '1992-03-02', precision: 'DAY' },
      }),
    );
    expect(events.map((e) => e.slug)).toContain('turkiye-recognition-of-kazakhstan');
    const starts = events.map((e) => dateKey(e.start?.text ?? 'unknown'));
    expect([...starts].sort()).toEqual(starts);

    const figures = r.figures.nodes as {
      slug: string;
      metric: string;
      value: number;
      unit: string;
      period: { text: string } | null;
      sources: { quote: string }[];
    }[];
    const turnover2005 = figures.find((f) => f.metric === 'TRADE_TURNOVER' && f.period?.text === '2005');
    expect(turnover2005).toMatchObject({
      slug: 'kazakhstan-turkiye-trade-turnover-2005',
      value: 556800000,
      unit: 'USD',
    });
    expect(turnover2005!.sources.map((s) => s.quote)).toContain(
      'In 2005 trade turnover between the countries reached USD 556.8 million',
    );
    // Figures in either direction: Türkiye's investment in Kazakhstan is about the pair too.
    expect(figures.map((f) => f.slug)).toContain('turkiye-investment-in-kazakhstan');
  });

  it('gives each side its own membership in the order asked', async () => {
    const [kazakhstan, turkiye] = await Promise.all([
      idOf('country', 'Kazakhstan'),
      idOf('country', 'Türkiye'),
    ]);
    const { body } = await api.gql(
      'query($b: [ID!]!) { relations(between: $b) { sharedMemberships { nodes { organization { slug } memberships { member { ... on Country { slug } } } } } } }',
      { b: [turkiye, kazakhstan] },
    );
    expect(body.errors).toBeUndefined();
    const ots = body.data!.relations.sharedMemberships.nodes.find(
      (s: { organization: { slug: string } }) => s.organization.slug === 'organization-of-turkic-states',
    );
    expect(ots.memberships.map((m: { member: { slug: string } }) => m.member.slug)).toEqual([
      'turkiye',
      'kazakhstan',
    ]);
  });

  it('refuses one id or three ids, naming `between`', async () => {
    const [kazakhstan, turkiye, uzbekistan] = await Promise.all([
      idOf('country', 'Kazakhstan'),
      idOf('country', 'Türkiye'),
      idOf('country', 'Uzbekistan'),
    ]);
    const query = 'query($b: [ID!]!) { relations(between: $b) { agreements { totalCount } } }';
    expectBadUserInput((await api.gql(query, { b: [kazakhstan] })).body, 'between');
    expectBadUserInput((await api.gql(query, { b: [kazakhstan, turkiye, uzbekistan] })).body, 'between');
  });

  it('refuses the id of a person, naming `between`', async () => {
    const [kazakhstan, erdogan] = await Promise.all([
      idOf('country', 'Kazakhstan'),
      idOf('person', 'Recep Tayyip Erdoğan'),
    ]);
    const { body } = await api.gql(
      'query($b: [ID!]!) { relations(between: $b) { agreements { totalCount } } }',
      {
        b: [kazakhstan, erdogan],
      },
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // It names the argument, down to the position of the wrong id ("between[1]").
    expect(body.errors![0]!.extensions!.argumentName).toMatch(/^between(\[1\])?$/);
    expect(body.errors![0]!.message).toMatch(/^Invalid argument "between(\[1\])?"/);
    expect(body.errors![0]!.message).toMatch(/is not the id of a Country or Organization/);
  });
});
