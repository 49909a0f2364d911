import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';
import { itWithSources } from '../support/sources';

const api = useTestService();

type ErrorBody = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** One id of every entity type and of a document, each with its slug (or title), taken from root lists. */
async function oneOfEach(): Promise<Record<string, { id: string; key: string }>> {
  const { body } = await api.gql(`{
    countries(first: 1) { nodes { id slug } }
    organizations(first: 1) { nodes { id slug } }
    organization(name: "OTS") { members(first: 1) { nodes { id slug } } }
    agreements(first: 1) { nodes { id slug parties(first: 1) { nodes { id slug } } } }
    events(first: 1) { nodes { id slug participants(first: 1) { nodes { id slug } } } }
    people(first: 1) { nodes { id slug positions(first: 1) { nodes { id slug } } } }
    projects(first: 1) { nodes { id slug participants(first: 1) { nodes { id slug } } } }
    figures(first: 1) { nodes { id slug } }
    documents(first: 1) { nodes { id title } }
  }`);
  expect(body.errors).toBeUndefined();
  const d = body.data!;
  const pick = (n: { id: string; slug?: string; title?: string }) => ({ id: n.id, key: n.slug ?? n.title! });
  return {
    Country: pick(d.countries.nodes[0]),
    Organization: pick(d.organizations.nodes[0]),
    Membership: pick(d.organization.members.nodes[0]),
    Agreement: pick(d.agreements.nodes[0]),
    AgreementParty: pick(d.agreements.nodes[0].parties.nodes[0]),
    Event: pick(d.events.nodes[0]),
    EventParticipant: pick(d.events.nodes[0].participants.nodes[0]),
    Person: pick(d.people.nodes[0]),
    Position: pick(d.people.nodes[0].positions.nodes[0]),
    Project: pick(d.projects.nodes[0]),
    ProjectParticipant: pick(d.projects.nodes[0].participants.nodes[0]),
    Figure: pick(d.figures.nodes[0]),
    Document: pick(d.documents.nodes[0]),
  };
}

const NODE_FIELDS = `__typename id
  ... on Country { slug } ... on Organization { slug } ... on Membership { slug }
  ... on Agreement { slug } ... on AgreementParty { slug } ... on Event { slug }
  ... on EventParticipant { slug } ... on Person { slug } ... on Position { slug }
  ... on Project { slug } ... on ProjectParticipant { slug } ... on Figure { slug }
  ... on Document { title }`;

const ENTITY_TYPES = [
  'Country',
  'Organization',
  'Membership',
  'Agreement',
  'AgreementParty',
  'Event',
  'EventParticipant',
  'Person',
  'Position',
  'Project',
  'ProjectParticipant',
  'Figure',
  'Document',
];

describe('Nodes: node(id:)', () => {
  it.each(ENTITY_TYPES)('fetches a %s again by its id, with the right __typename', async (type) => {
    const sample = (await oneOfEach())[type]!;
    const { body } = await api.gql(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: sample.id });
    expect(body.errors).toBeUndefined();
    expect(body.data!.node.__typename).toBe(type);
    expect(body.data!.node.id).toBe(sample.id);
    expect(body.data!.node[type === 'Document' ? 'title' : 'slug']).toBe(sample.key);
  });

  it('gives ids that are unique across types', async () => {
    const ids = Object.values(await oneOfEach()).map((s) => s.id);
    expect(new Set(ids).size).toBe(ENTITY_TYPES.length);
  });

  it.each([
    ['not an id', 'not an id!'],
    ['empty', ''],
    ['no type', 'QUJD'],
    ['an unknown type', Buffer.from('Planet:earth').toString('base64url')],
    ['a bad slug', Buffer.from('Country:Not A Slug').toString('base64url')],
    ['very long', 'A'.repeat(1000)],
  ])('answers null for a malformed id (%s)', async (_label, id) => {
    const { status, body } = await api.gql('query($id: ID!) { node(id: $id) { __typename id } }', { id });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toBeNull();
  });

  it('answers null for a well-formed id that no entity has', async () => {
    const country = (await oneOfEach()).Country!;
    // An id of the same shape, naming a country that does not exist.
    const unknown = Buffer.from('Country:atlantis').toString('base64url');
    expect(unknown).not.toBe(country.id);
    const { body } = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: unknown });
    expect(body.errors).toBeUndefined();
    expect(body.data!.node).toBeNull();
  });
});

describe('Nodes: nodes(ids:)', () => {
  it('keeps the order asked, with null for unknown and malformed ids', async () => {
    const all = await oneOfEach();
    const unknown = Buffer.from('Agreement:treaty-of-atlantis').toString('base64url');
    const ids = [all.Figure!.id, unknown, all.Country!.id, 'garbage', all.Document!.id, all.Country!.id];
    const { body } = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, { ids });
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.nodes as ({ __typename: string; id: string } | null)[];
    expect(nodes).toHaveLength(6);
    expect(nodes.map((n) => n && n.__typename)).toEqual([
      'Figure',
      null,
      'Country',
      null,
      'Document',
      'Country',
    ]);
    expect(nodes.map((n) => n && n.id)).toEqual([
      all.Figure!.id,
      null,
      all.Country!.id,
      null,
      all.Document!.id,
      all.Country!.id,
    ]);
  });

  it('fetches one of each type in one request, in order', async () => {
    const all = await oneOfEach();
    const ids = ENTITY_TYPES.map((t) => all[t]!.id).reverse();
    const { body } = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes).toEqual(
      [...ENTITY_TYPES].reverse().map((t) => ({ __typename: t, id: all[t]!.id })),
    );
  });

  it('answers an empty list for no ids, and accepts 100', async () => {
    const country = (await oneOfEach()).Country!;
    const none = await api.gql('{ nodes(ids: []) { id } }');
    expect(none.body.errors).toBeUndefined();
    expect(none.body.data!.nodes).toEqual([]);
    const hundred = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 100 }, () => country.id),
    });
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data!.nodes).toHaveLength(100);
  });

  it('refuses 101 ids, naming `ids`', async () => {
    const country = (await oneOfEach()).Country!;
    const { body } = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 101 }, () => country.id),
    });
    const errors = (body as ErrorBody).errors!;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors[0]!.extensions!.argumentName).toBe('ids');
    expect(errors[0]!.message).toMatch(/^Invalid argument "ids"/);
  });
});

const WIKIPEDIA_TITLE = 'Kazakhstan–Turkey relations';
const REPORT_TITLE =
  'Türkiye and the Organization of Turkic States: Is Global Partnership Possible through Regional Cooperation?';
const SOURCE_TITLES = [
  'Erdoğan and Putin Convene in Turkmenistan to Address Regional Security Challenges',
  WIKIPEDIA_TITLE,
  'Samarkand Declaration Paves the Way for a Stronger Central Asia–EU Partnership',
  REPORT_TITLE,
  'Türkiye Strengthens Diplomatic Ties to Expand Influence in Central Asia',
];
const ISO_TITLE =
  'ISO 3166-1: Codes for the representation of names of countries and their subdivisions — Part 1: Country code';

async function documentId(title: string): Promise<string> {
  const { body } = await api.gql('{ documents(first: 100) { nodes { id title } } }');
  expect(body.errors).toBeUndefined();
  const doc = (body.data!.documents.nodes as { id: string; title: string }[]).find((d) => d.title === title);
  expect(doc).toBeDefined();
  return doc!.id;
}

/** The text a span covers: spans are code-point offsets into the normalised text. */
const spanText = (text: string, span: { start: number; end: number }) =>
  Array.from(text).slice(span.start, span.end).join('');

type CitationNode = {
  quote: string;
  span: { start: number; end: number } | null;
  document: { id: string };
  claim: { field: string; value: string; subject: { __typename: string } };
};

describe('Nodes: documents', () => {
  it('gives a document by id with its metadata', async () => {
    const id = await documentId(WIKIPEDIA_TITLE);
    const { body } = await api.gql(
      'query($id: ID!) { document(id: $id) { id title publisher author url published { text } kind language textHash } node(id: $id) { __typename id } }',
      { id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.document).toEqual({
      id,
      title: WIKIPEDIA_TITLE,
      publisher: 'Wikipedia',
      author: null,
      url: null,
      published: null,
      kind: 'ENCYCLOPEDIA_ARTICLE',
      language: 'en',
      textHash: 'd91d089e2ef8ae6cd9e1564bb1f472db8643295dd4f508f4f5c5a55b6053c8d7',
    });
    expect(body.data!.node).toEqual({ __typename: 'Document', id });
  });

  itWithSources(
    'lists every citation of a document in span order, each with its claim, quoting the text verbatim',
    async () => {
      const id = await documentId(WIKIPEDIA_TITLE);
      let totalCount = 0;
      let text = '';
      const citations = await collectPages(
        api,
        `query($id: ID!, $after: String) { document(id: $id) { text citations(first: 50, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          nodes { quote span { start end } document { id } claim { field value subject { __typename } } } } } }`,
        'document.citations',
        {
          variables: { id },
          maxPages: 20,
          expectNoErrors: true,
          onPage: (conn, { body }) => {
            text = body.data!.document.text;
            totalCount = conn.totalCount;
          },
          items: (conn) => conn.nodes as CitationNode[],
        },
      );
      expect(citations).toHaveLength(totalCount);
      expect(totalCount).toBeGreaterThan(50);

      // The first words the seed cites in the article.
      expect(citations[0]).toEqual({
        quote: 'Kazakh–Turkish relations are foreign relations between Kazakhstan and Turkey.',
        span: { start: 75, end: 152 },
        document: { id },
        claim: { field: 'aliases', value: 'Turkey', subject: { __typename: 'Country' } },
      });
      for (let i = 1; i < citations.length; i++)
        expect(citations[i]!.span!.start).toBeGreaterThanOrEqual(citations[i - 1]!.span!.start);
      for (const c of citations) {
        expect(c.document.id).toBe(id);
        expect(c.span).not.toBeNull();
        expect(spanText(text, c.span!)).toBe(c.quote);
        expect(typeof c.claim.field).toBe('string');
        expect(typeof c.claim.value).toBe('string');
        expect(c.claim.subject.__typename).toMatch(/^[A-Z]/);
      }
      expect(citations).toContainEqual({
        quote: 'In 2005 trade turnover between the countries reached USD 556.8 million',
        span: { start: 1273, end: 1343 },
        document: { id },
        claim: { field: 'value', value: '556800000', subject: { __typename: 'Figure' } },
      });
      expect(citations.map((c) => c.claim.subject.__typename)).toEqual(
        expect.arrayContaining([
          'Country',
          'Organization',
          'Membership',
          'Event',
          'EventParticipant',
          'Figure',
        ]),
      );
    },
  );

  itWithSources(
    'holds the full text of the five source documents, and none for the ISO standard',
    async () => {
      const { body } = await api.gql(
        '{ documents(first: 100) { totalCount nodes { title text textHash } } }',
      );
      expect(body.errors).toBeUndefined();
      const docs = body.data!.documents.nodes as {
        title: string;
        text: string | null;
        textHash: string | null;
      }[];
      expect(body.data!.documents.totalCount).toBe(6);
      const withText = docs.filter((d) => d.text !== null);
      expect(withText.map((d) => d.title).sort()).toEqual([...SOURCE_TITLES].sort());
      for (const d of withText) {
        expect(d.text!.length).toBeGreaterThan(1000);
        expect(d.textHash).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(docs.find((d) => d.title === ISO_TITLE)).toEqual({
        title: ISO_TITLE,
        text: null,
        textHash: null,
      });
    },
  );

  it('filters documents by kind', async () => {
    const { body } = await api.gql(`{
      reports: documents(filter: { kinds: [REPORT] }) { totalCount nodes { title kind publisher published { text precision } } }
      news: documents(filter: { kinds: [NEWS_ARTICLE] }) { totalCount nodes { kind } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.reports.totalCount).toBe(1);
    expect(body.data!.reports.nodes).toEqual([
      {
        title: REPORT_TITLE,
        kind: 'REPORT',
        publisher: 'Center for Diplomatic Affairs and Political Studies',
        published: { text: '2025-03', precision: 'MONTH' },
      },
    ]);
    expect(body.data!.news.totalCount).toBe(2);
    expect(body.data!.news.nodes.every((n: { kind: string }) => n.kind === 'NEWS_ARTICLE')).toBe(true);
  });

  it('answers null for an unknown document id and for the id of another type', async () => {
    const country = (await oneOfEach()).Country!;
    const { body } = await api.gql(
      'query($a: ID!, $b: ID!) { a: document(id: $a) { id } b: document(id: $b) { id } c: document(id: "garbage") { id } }',
      { a: Buffer.from('Document:no-such-document').toString('base64url'), b: country.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ a: null, b: null, c: null });
  });
});

describe('Nodes: ids', () => {
  it('gives the same entity the same id in two requests, whichever way it is reached', async () => {
    const first = await api.gql('{ country(name: "Kazakhstan") { id } organization(name: "OTS") { id } }');
    const second = await api.gql(`{
      country(iso2: "KZ") { id }
      organization(name: "Turkic Council") { id members(first: 50) { nodes { member { ... on Country { id slug } } } } }
    }`);
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.country.id).toBe(first.body.data!.country.id);
    expect(second.body.data!.organization.id).toBe(first.body.data!.organization.id);
    const kazakhstan = second.body.data!.organization.members.nodes.find(
      (m: { member: { slug: string } }) => m.member.slug === 'kazakhstan',
    );
    expect(kazakhstan.member.id).toBe(first.body.data!.country.id);
  });

  it('gives the same ids to every entity in two list requests', async () => {
    const query =
      '{ countries(first: 100) { nodes { id slug } } organizations(first: 100) { nodes { id slug } } }';
    const a = await api.gql(query);
    const b = await api.gql(query);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.data).toEqual(a.body.data);
  });

  it('keeps ids opaque: no id holds its slug or type name in plain text', async () => {
    const all = await oneOfEach();
    const { body } = await api.gql(`{
      countries(first: 100) { nodes { id slug } }
      organizations(first: 100) { nodes { id slug } }
      agreements(first: 100) { nodes { id slug } }
    }`);
    expect(body.errors).toBeUndefined();
    const samples = [
      ...Object.entries(all)
        .filter(([type]) => type !== 'Document')
        .map(([type, s]) => ({ type, id: s.id, slug: s.key })),
      ...(['countries', 'organizations', 'agreements'] as const).flatMap((list) =>
        (body.data![list].nodes as { id: string; slug: string }[]).map((n) => ({ type: list, ...n })),
      ),
    ];
    expect(samples.length).toBeGreaterThan(50);
    for (const { type, id, slug } of samples) {
      expect(id).not.toContain(slug);
      expect(id).not.toContain(`${type}:`);
      expect(id).toMatch(/^[A-Za-z0-9_=+/-]+$/);
    }
  });
});
