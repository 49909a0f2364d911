import { collectPages } from '../support/paging';
import { expectBadUserInput, expectStatementsIndependentOfRows } from '../support/assertions';
import { useTestService } from '../support/service';

const api = useTestService();

type Nodes = { slug: string }[];
const slugs = (nodes: Nodes) => nodes.map((n) => n.slug);

async function listAgreements(args: string): Promise<string[]> {
  const { body } = await api.gql(`{ agreements(first: 100, ${args}) { nodes { slug } } }`);
  expect(body.errors).toBeUndefined();
  return slugs(body.data!.agreements.nodes as Nodes);
}

async function idOf(type: 'country' | 'organization' | 'project', name: string): Promise<string> {
  const { body } = await api.gql(`query($name: String!) { ${type}(name: $name) { id } }`, { name });
  return body.data![type].id as string;
}

const COMMON_ASPIRATION =
  'reflect the common aspiration of the parties to establish a strategic partnership and lay the foundation for deepening ties between our regions';

describe('Agreements: lookup', () => {
  it('finds the Samarkand Declaration by name, with its place, event and parties, each with sources', async () => {
    const { body } = await api.gql(`{
      agreement(name: "samarkand declaration") {
        slug name kind status place
        signed { text precision }
        placeCountry { name }
        event { name }
        parties {
          totalCount
          nodes {
            role rank
            agreement { slug }
            party { __typename ... on Country { name } ... on Organization { name } }
            sources { quote document { title } }
          }
        }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const agreement = body.data!.agreement;
    expect(agreement).toMatchObject({
      slug: 'samarkand-declaration',
      name: 'Samarkand Declaration',
      kind: 'DECLARATION',
      status: 'SIGNED',
      place: 'Samarkand',
      signed: { text: '2025-04', precision: 'MONTH' },
      placeCountry: { name: 'Uzbekistan' },
      event: { name: 'Central Asia-European Union Summit' },
    });
    const parties = agreement.parties as {
      totalCount: number;
      nodes: {
        role: string;
        agreement: { slug: string };
        party: { __typename: string; name: string };
        sources: { quote: string; document: { title: string } }[];
      }[];
    };
    expect(parties.totalCount).toBe(6);
    expect(parties.nodes.map((p) => p.party.name)).toEqual([
      'European Union',
      'Kazakhstan',
      'Kyrgyzstan',
      'Tajikistan',
      'Turkmenistan',
      'Uzbekistan',
    ]);
    expect(parties.nodes[0]!.party.__typename).toBe('Organization');
    expect(parties.nodes[1]!.party.__typename).toBe('Country');
    for (const party of parties.nodes) {
      expect(party.role).toBe('ADOPTER');
      expect(party.agreement.slug).toBe('samarkand-declaration');
      expect(party.sources.map((s) => s.quote)).toContain(COMMON_ASPIRATION);
      expect(party.sources[0]!.document.title).toMatch(/^Samarkand Declaration Paves the Way/);
    }
    const uzbekistan = parties.nodes.find((p) => p.party.name === 'Uzbekistan')!;
    expect(uzbekistan.sources.map((s) => s.quote)).toContain(
      'Mirziyoyev met with his counterparts from Kazakhstan, Kyrgyzstan, Tajikistan, and Turkmenistan.',
    );
  });

  it('finds the same agreement by its id, and through node(id:)', async () => {
    const byName = await api.gql('{ agreement(name: "Samarkand Declaration") { id } }');
    const id = byName.body.data!.agreement.id as string;
    const byId = await api.gql(
      'query($id: ID!) { agreement(id: $id) { slug } node(id: $id) { __typename id } }',
      {
        id,
      },
    );
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data!.agreement.slug).toBe('samarkand-declaration');
    expect(byId.body.data!.node).toEqual({ __typename: 'Agreement', id });
  });

  it('gives the claims behind a plain field, with the curator’s note on an inferred date', async () => {
    const { body } = await api.gql(
      '{ agreement(name: "Samarkand Declaration") { claims(fields: [SIGNED]) { value rank inferred note sources { quote } } } }',
    );
    expect(body.errors).toBeUndefined();
    const [claim] = body.data!.agreement.claims as { value: string; inferred: boolean; note: string }[];
    expect(claim).toMatchObject({ value: '2025-04', inferred: true });
    expect(claim!.note).toMatch(/April 3-4/);
  });

  it('answers null for a name no agreement has, and for the id of another type', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const { body } = await api.gql(
      'query($id: ID!) { byName: agreement(name: "Treaty of Atlantis") { slug } byId: agreement(id: $id) { slug } }',
      { id: kazakhstan },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ byName: null, byId: null });
  });

  it('refuses two lookup keys at once, naming them', async () => {
    const { body } = await api.gql(
      '{ agreement(id: "QWdyZWVtZW50Olg", name: "Samarkand Declaration") { name } }',
    );
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.extensions!.argumentName).toBe('name');
    expect(body.errors![0]!.message).toMatch(/exactly one of `id`, `name`; got `id` and `name`/);
  });
});

describe('Agreements: the list', () => {
  it('filters by kind and party', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    expect(await listAgreements(`filter: { kinds: [TREATY], party: "${kazakhstan}" }`)).toEqual([
      'nakhchivan-agreement',
    ]);
    const turkiye = await idOf('country', 'Turkey');
    expect(
      (await listAgreements(`filter: { kinds: [TRADE_AGREEMENT], party: "${turkiye}" }`)).sort(),
    ).toEqual([
      'eu-turkey-customs-union',
      'turkiye-azerbaijan-local-currency-trade-agreements',
      'turkiye-russia-infrastructure-and-trade-agreements',
      'turkiye-uzbekistan-trade-agreement',
    ]);
  });

  it('filters by an organization as party, and by status', async () => {
    const eib = await idOf('organization', 'European Investment Bank');
    expect(await listAgreements(`filter: { party: "${eib}" }`)).toEqual([
      'eib-tashkent-regional-office-agreement',
    ]);
    expect((await listAgreements('filter: { statuses: [PROPOSED] }')).sort()).toEqual([
      'central-asian-local-currency-trade-efforts',
      'turkic-common-currency',
      'turkic-common-security-pact',
      'turkiye-russia-infrastructure-and-trade-agreements',
    ]);
  });

  it('filters by a signed date range of partial dates, keeping dates that may fall in it', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    expect(
      await listAgreements(
        `filter: { party: "${kazakhstan}", signedFrom: "2025" }, orderBy: { field: SIGNED }`,
      ),
    ).toEqual(['kazakhstan-azerbaijan-fiber-optic-cable-agreement', 'samarkand-declaration']);
    expect(await listAgreements(`filter: { party: "${kazakhstan}", signedFrom: "2025-04" }`)).toEqual([
      'samarkand-declaration',
    ]);
    expect(
      await listAgreements(
        `filter: { party: "${kazakhstan}", signedFrom: "2025-03-15", signedTo: "2025-03-20" }`,
      ),
    ).toEqual(['kazakhstan-azerbaijan-fiber-optic-cable-agreement']);
    // "2021" (year precision) overlaps any range within 2021.
    expect(await listAgreements('filter: { signedFrom: "2021-06-01", signedTo: "2021-06-30" }')).toEqual([
      'turkic-world-vision-2040',
    ]);
    expect(await listAgreements('filter: { signedTo: "2010" }')).toEqual(['nakhchivan-agreement']);
  });

  it('sorts by signed date, unknown dates last in either direction', async () => {
    const { body } = await api.gql(`{
      asc: agreements(first: 100, orderBy: { field: SIGNED }) { totalCount nodes { slug signed { text } } }
      desc: agreements(first: 100, orderBy: { field: SIGNED, direction: DESC }) { nodes { slug signed { text } } }
    }`);
    expect(body.errors).toBeUndefined();
    type Dated = { slug: string; signed: { text: string } | null }[];
    const dates = (nodes: Dated) => nodes.filter((n) => n.signed).map((n) => n.signed!.text);
    const asc = body.data!.asc.nodes as Dated;
    const desc = body.data!.desc.nodes as Dated;
    expect(dates(asc)).toEqual(['2009-10-03', '2021', '2024-09', '2025-03', '2025-03', '2025-04']);
    expect(dates(desc)).toEqual(['2025-04', '2025-03', '2025-03', '2024-09', '2021', '2009-10-03']);
    expect(asc.slice(0, 6).every((n) => n.signed)).toBe(true);
    expect(desc.slice(0, 6).every((n) => n.signed)).toBe(true);
    expect(asc.length).toBe(body.data!.asc.totalCount);
    expect(desc.length).toBe(asc.length);
  });

  it('sorts by name by default', async () => {
    const { body } = await api.gql('{ agreements(first: 100) { nodes { name } } }');
    const names = (body.data!.agreements.nodes as { name: string }[]).map((n) => n.name);
    expect(names[0]).toBe('Agreement on the International Industrial Cooperation Center');
    expect(names).toContain('Samarkand Declaration');
  });

  it.each(['', 'orderBy: { field: SIGNED }', 'orderBy: { field: SIGNED, direction: DESC }'])(
    'pages through every agreement with no duplicate and no gap (%s)',
    async (order) => {
      const expected = await listAgreements(order);
      expect(expected.length).toBe(33);
      const seen = await collectPages(
        api,
        `query($after: String) { agreements(first: 4, after: $after, ${order}) { pageInfo { hasNextPage endCursor } nodes { slug } } }`,
        'agreements',
        { maxPages: 20 },
      );
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
    },
  );

  it('pages backwards with last and before', async () => {
    const all = await listAgreements('orderBy: { field: SIGNED }');
    const tail = await api.gql(
      '{ agreements(last: 3, orderBy: { field: SIGNED }) { nodes { slug } pageInfo { hasPreviousPage startCursor } } }',
    );
    expect(slugs(tail.body.data!.agreements.nodes as Nodes)).toEqual(all.slice(-3));
    const before = await api.gql(
      'query($c: String) { agreements(last: 3, before: $c, orderBy: { field: SIGNED }) { nodes { slug } } }',
      { c: tail.body.data!.agreements.pageInfo.startCursor },
    );
    expect(slugs(before.body.data!.agreements.nodes as Nodes)).toEqual(all.slice(-6, -3));
  });
});

describe('Agreements: of a state or an organization', () => {
  it("lists Kazakhstan's agreements, earliest signed first and undated last, with its role", async () => {
    const { body } = await api.gql(`{
      country(name: "Kazakhstan") {
        agreements { totalCount nodes { role party { ... on Country { name } } agreement { slug name signed { text } } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const conn = body.data!.country.agreements as {
      totalCount: number;
      nodes: {
        role: string;
        party: { name: string };
        agreement: { slug: string; signed: { text: string } | null };
      }[];
    };
    expect(conn.totalCount).toBe(7);
    expect(conn.nodes.map((n) => n.agreement.slug)).toEqual([
      'nakhchivan-agreement',
      'kazakhstan-azerbaijan-fiber-optic-cable-agreement',
      'samarkand-declaration',
      'international-industrial-cooperation-center-agreement',
      'central-asian-local-currency-trade-efforts',
      'kazakhstan-azerbaijan-joint-investment-fund',
      'kazakhstan-azerbaijan-uzbekistan-renewable-energy-agreement',
    ]);
    expect(conn.nodes.every((n) => n.party.name === 'Kazakhstan')).toBe(true);
    expect(conn.nodes[0]!.role).toBe('SIGNATORY');
    expect(conn.nodes[2]!.role).toBe('ADOPTER');
  });

  it("lists the European Union's agreements", async () => {
    const { body } = await api.gql(
      '{ organization(name: "EU") { agreements(first: 2) { totalCount pageInfo { hasNextPage } nodes { agreement { slug } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const conn = body.data!.organization.agreements;
    expect(conn.totalCount).toBe(7);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    expect(conn.nodes.map((n: { agreement: { slug: string } }) => n.agreement.slug)).toEqual([
      'tashkent-agreement-on-eu-backed-strategic-projects-2025',
      'samarkand-declaration',
    ]);
  });

  it('loads every country’s agreements and parties in a fixed number of statements', async () => {
    await expectStatementsIndependentOfRows(
      api,
      (n) =>
        `{ countries(first: ${n}) { nodes { agreements(first: 3) { totalCount nodes { agreement { name parties { nodes { party { __typename } } } } } } } } }`,
      11,
    );
  });
});

describe('Agreements: bad arguments', () => {
  it('refuses first: 0, at the root and nested', async () => {
    expectBadUserInput((await api.gql('{ agreements(first: 0) { totalCount } }')).body, 'first');
    expectBadUserInput(
      (await api.gql('{ agreement(name: "Samarkand Declaration") { parties(first: 0) { totalCount } } }'))
        .body,
      'first',
    );
  });

  it('refuses an impossible date', async () => {
    const { body } = await api.gql('{ agreements(filter: { signedFrom: "2025-02-30" }) { totalCount } }');
    expectBadUserInput(body, 'filter.signedFrom');
  });

  it('refuses a range that ends before it starts', async () => {
    const { body } = await api.gql(
      '{ agreements(filter: { signedFrom: "2025", signedTo: "2024" }) { totalCount } }',
    );
    expectBadUserInput(body, 'filter.signedTo');
  });

  it('refuses a party that is neither a state nor an organization', async () => {
    const project = await idOf('project', 'Middle Corridor');
    const { body } = await api.gql(`{ agreements(filter: { party: "${project}" }) { totalCount } }`);
    expectBadUserInput(body, 'filter.party', /is not the id of a Country or Organization/);
  });
});
