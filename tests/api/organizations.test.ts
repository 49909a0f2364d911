import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';
import { itWithSources } from '../support/sources';

const api = useTestService();

const OTS_REPORT =
  'Türkiye and the Organization of Turkic States: Is Global Partnership Possible through Regional Cooperation?';
const FOUNDING_QUOTE = 'The founding members of the OTS are Türkiye, Azerbaijan, Kazakhstan, and Kyrgyzstan';
const OBSERVER_QUOTE =
  'Meanwhile, Turkmenistan, the Turkish Republic of Northern Cyprus (TRNC), and Hungary hold observer status';

type Source = { quote: string; span: { start: number; end: number } | null; document: { id: string } };
type MemberNode = {
  slug: string;
  status: string;
  since: { text: string; precision: string } | null;
  until: { text: string } | null;
  member: { __typename: string; slug: string; name: string };
  organization: { slug: string };
  sources: Source[];
};

const MEMBER_FIELDS = `slug status since { text precision } until { text }
  member { __typename ... on Country { slug name } ... on Organization { slug name } }
  organization { slug }
  sources { quote span { start end } document { id } }`;

/** The text a span covers: spans are code-point offsets into the normalised text. */
const spanText = (text: string, span: { start: number; end: number }) =>
  Array.from(text).slice(span.start, span.end).join('');

async function documentTexts(ids: string[]): Promise<Map<string, string>> {
  const { body } = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Document { text } } }', {
    ids: [...new Set(ids)],
  });
  expect(body.errors).toBeUndefined();
  return new Map((body.data!.nodes as { id: string; text: string }[]).map((d) => [d.id, d.text]));
}

/** Checks that every source quotes its document verbatim, at its span. */
async function expectQuotedVerbatim(sources: Source[]): Promise<void> {
  const texts = await documentTexts(sources.map((s) => s.document.id));
  for (const source of sources) {
    const text = texts.get(source.document.id);
    expect(typeof text).toBe('string');
    expect(text).toContain(source.quote);
    expect(source.span).not.toBeNull();
    expect(spanText(text!, source.span!)).toBe(source.quote);
  }
}

describe('Organizations: the Organization of Turkic States', () => {
  it.each([
    'Turkic Council',
    'TDT',
    'OTS',
    'organization of turkic states',
    '  ORGANIZATION OF TURKIC STATES ',
  ])('is found by %j, always with the same id', async (name) => {
    const reference = await api.gql('{ organization(name: "Organization of Turkic States") { id } }');
    const { status, body } = await api.gql(
      'query($name: String!) { organization(name: $name) { id slug name acronym kind aliases } }',
      { name },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.organization).toMatchObject({
      id: reference.body.data!.organization.id,
      slug: 'organization-of-turkic-states',
      name: 'Organization of Turkic States',
      acronym: 'OTS',
      kind: 'INTERGOVERNMENTAL',
    });
    expect(body.data!.organization.aliases).toEqual(
      expect.arrayContaining(['Turkic Council', 'TDT', 'Cooperation Council of Turkic-Speaking States']),
    );
  });

  it('lists its members with their statuses: founding members first, Uzbekistan since 2019, three observers', async () => {
    const { body } = await api.gql(
      `{ organization(name: "OTS") { members(first: 50) { totalCount nodes { ${MEMBER_FIELDS} } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const conn = body.data!.organization.members as { totalCount: number; nodes: MemberNode[] };
    expect(conn.totalCount).toBe(8);
    expect(conn.nodes).toHaveLength(8);
    const byName = new Map(conn.nodes.map((m) => [m.member.name, m]));
    const statuses = Object.fromEntries(conn.nodes.map((m) => [m.member.name, m.status]));
    expect(statuses).toEqual({
      Türkiye: 'FOUNDING_MEMBER',
      Azerbaijan: 'FOUNDING_MEMBER',
      Kazakhstan: 'FOUNDING_MEMBER',
      Kyrgyzstan: 'FOUNDING_MEMBER',
      Uzbekistan: 'MEMBER',
      Hungary: 'OBSERVER',
      Turkmenistan: 'OBSERVER',
      'Turkish Republic of Northern Cyprus': 'OBSERVER',
    });
    // Founding members come first.
    expect(conn.nodes.slice(0, 4).every((m) => m.status === 'FOUNDING_MEMBER')).toBe(true);
    expect(byName.get('Uzbekistan')!.since).toEqual({ text: '2019', precision: 'YEAR' });
    expect(byName.get('Kazakhstan')!.since).toEqual({ text: '2009', precision: 'YEAR' });
    expect(byName.get('Hungary')!.since).toBeNull();
    for (const m of conn.nodes) {
      expect(m.member.__typename).toBe('Country');
      expect(m.organization.slug).toBe('organization-of-turkic-states');
      expect(m.slug).toBe(`${m.member.slug}--organization-of-turkic-states`);
      expect(m.until).toBeNull();
      expect(m.sources.length).toBeGreaterThan(0);
    }
    expect(byName.get('Türkiye')!.sources.map((s) => s.quote)).toContain(FOUNDING_QUOTE);
    expect(byName.get('Uzbekistan')!.sources.map((s) => s.quote)).toEqual([
      'with Uzbekistan officially joining as a full member in 2019',
    ]);
    for (const observer of ['Hungary', 'Turkmenistan', 'Turkish Republic of Northern Cyprus'])
      expect(byName.get(observer)!.sources.map((s) => s.quote)).toContain(OBSERVER_QUOTE);
  });

  itWithSources('backs every membership with a verbatim quote of the CDPA report, at its span', async () => {
    const { body } = await api.gql(
      `{ organization(name: "OTS") { members(first: 50) { nodes { ${MEMBER_FIELDS} sources { document { title kind } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const members = body.data!.organization.members.nodes as (MemberNode & {
      sources: (Source & { document: { title: string; kind: string } })[];
    })[];
    const sources = members.flatMap((m) => m.sources);
    expect(sources.length).toBeGreaterThanOrEqual(8);
    for (const s of sources) expect(s.document).toMatchObject({ title: OTS_REPORT, kind: 'REPORT' });
    await expectQuotedVerbatim(sources);
  });

  it('gives its former names as alias claims with the years they applied', async () => {
    const { body } = await api.gql(`{
      organization(name: "Turkic Council") {
        claims(fields: [ALIASES]) {
          field value rank
          validFrom { text precision year month day }
          validTo { text precision year month day }
          subject { __typename id }
          sources { quote document { title } }
        }
        id
      }
    }`);
    expect(body.errors).toBeUndefined();
    const org = body.data!.organization;
    type AliasClaim = {
      field: string;
      value: string;
      validFrom: { text: string; precision: string; year: number } | null;
      validTo: { text: string; precision: string; year: number } | null;
      subject: { __typename: string; id: string };
      sources: { quote: string; document: { title: string } }[];
    };
    const claims = org.claims as AliasClaim[];
    expect(claims.map((c) => c.value).sort()).toEqual([
      'Cooperation Council of Turkic-Speaking States',
      'TDT',
      'Turkic Council',
    ]);
    const year = (y: number) => ({ text: String(y), precision: 'YEAR', year: y, month: null, day: null });
    const byValue = new Map(claims.map((c) => [c.value, c]));
    for (const former of ['Cooperation Council of Turkic-Speaking States', 'Turkic Council']) {
      expect(byValue.get(former)!.validFrom).toEqual(year(2009));
      expect(byValue.get(former)!.validTo).toEqual(year(2021));
      expect(byValue.get(former)!.sources.map((s) => s.quote)).toContain(
        'In 2021, the council was renamed the Organization of Turkic States (OTS)',
      );
    }
    expect(byValue.get('Turkic Council')!.sources.map((s) => s.quote)).toContain(
      '(commonly known as the Turkic Council)',
    );
    // TDT is used for the present organisation too: no validity dates.
    expect(byValue.get('TDT')!.validFrom).toBeNull();
    expect(byValue.get('TDT')!.validTo).toBeNull();
    for (const c of claims) {
      expect(c.field).toBe('aliases');
      expect(c.subject).toEqual({ __typename: 'Organization', id: org.id });
      expect(c.sources.length).toBeGreaterThan(0);
      for (const s of c.sources) expect(s.document.title).toBe(OTS_REPORT);
    }
  });

  it('pages through all members with no duplicate and no gap, forwards and backwards', async () => {
    const all = await api.gql(
      '{ organization(name: "OTS") { members(first: 100) { totalCount nodes { slug } } } }',
    );
    const expected = (all.body.data!.organization.members.nodes as { slug: string }[]).map((n) => n.slug);
    expect(expected).toHaveLength(all.body.data!.organization.members.totalCount);
    expect(expected).toHaveLength(8);

    const forward = await collectPages(
      api,
      'query($after: String) { organization(name: "OTS") { members(first: 3, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { slug } } } } }',
      'organization.members',
      {
        maxPages: 10,
        onPage: (conn, { index }) => {
          expect(conn.totalCount).toBe(8);
          expect(conn.pageInfo.hasPreviousPage).toBe(index > 0);
        },
      },
    );
    expect(forward).toEqual(expected);
    expect(new Set(forward).size).toBe(forward.length);

    const backward = await collectPages(
      api,
      'query($before: String) { organization(name: "OTS") { members(last: 3, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { slug } } } }',
      'organization.members',
      { direction: 'backward', maxPages: 10 },
    );
    expect(backward).toEqual(expected);
  });
});

describe('Organizations: parents and children', () => {
  const EU_CHILDREN = ['European Commission', 'European Council', 'European Investment Bank', 'Eurozone'];

  it("lists the European Union's institutions and bodies by name, each with the EU as its parent", async () => {
    const { body } = await api.gql(`{
      organization(name: "EU") {
        id slug name parent { slug }
        children(first: 50) { totalCount nodes { slug name parent { id slug name } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const eu = body.data!.organization;
    expect(eu).toMatchObject({ slug: 'european-union', name: 'European Union', parent: null });
    expect(eu.children.totalCount).toBe(4);
    const children = eu.children.nodes as { name: string; parent: { id: string; slug: string } }[];
    expect(children.map((c) => c.name)).toEqual(EU_CHILDREN);
    for (const child of children) expect(child.parent).toMatchObject({ id: eu.id, slug: 'european-union' });
  });

  it('gives the European Commission the EU as parent, and the EU the Commission as a child', async () => {
    const { body } = await api.gql(`{
      organization(name: "European Commission") {
        id kind
        parent { id name children(first: 50) { nodes { id name } } }
        children { totalCount }
        claims(fields: [PARENT]) { value valueNode { id } sources { quote } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const commission = body.data!.organization;
    expect(commission.kind).toBe('INSTITUTION');
    expect(commission.parent.name).toBe('European Union');
    expect(commission.children.totalCount).toBe(0);
    expect(commission.parent.children.nodes.map((c: { id: string }) => c.id)).toContain(commission.id);
    expect(commission.claims).toHaveLength(1);
    expect(commission.claims[0].value).toBe('european-union');
    expect(commission.claims[0].valueNode.id).toBe(commission.parent.id);
    expect(commission.claims[0].sources.length).toBeGreaterThan(0);
  });

  it('filters the list by parent, agreeing with children', async () => {
    const eu = await api.gql('{ organization(name: "European Union") { id } }');
    const { body } = await api.gql(
      'query($p: ID) { organizations(first: 50, filter: { parent: $p }) { totalCount nodes { name } } }',
      { p: eu.body.data!.organization.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.organizations.nodes.map((n: { name: string }) => n.name)).toEqual(EU_CHILDREN);
  });
});

describe('Organizations: the list', () => {
  it('filters by kind: the two banks, by name', async () => {
    const { body } = await api.gql(
      '{ organizations(first: 100, filter: { kinds: [BANK] }) { totalCount nodes { slug name acronym kind } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.organizations.totalCount).toBe(2);
    expect(body.data!.organizations.nodes).toEqual([
      {
        slug: 'european-bank-for-reconstruction-and-development',
        name: 'European Bank for Reconstruction and Development',
        acronym: 'EBRD',
        kind: 'BANK',
      },
      { slug: 'european-investment-bank', name: 'European Investment Bank', acronym: 'EIB', kind: 'BANK' },
    ]);
  });

  it('filters by several kinds at once', async () => {
    const { body } = await api.gql(
      '{ organizations(first: 100, filter: { kinds: [BANK, MILITARY_ALLIANCE] }) { nodes { slug kind } } }',
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.organizations.nodes as { slug: string; kind: string }[];
    expect(nodes.every((n) => n.kind === 'BANK' || n.kind === 'MILITARY_ALLIANCE')).toBe(true);
    expect(nodes.map((n) => n.slug)).toEqual(
      expect.arrayContaining([
        'european-investment-bank',
        'european-bank-for-reconstruction-and-development',
        'collective-security-treaty-organization',
      ]),
    );
  });
});

describe('Organizations: the memberships of a country', () => {
  it("lists Kazakhstan's memberships with statuses and sources", async () => {
    const { body } = await api.gql(`{
      country(name: "Kazakhstan") {
        slug
        memberships(first: 50) {
          totalCount
          nodes { slug status member { ... on Country { slug } } organization { slug name } sources { quote document { title } } }
        }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const conn = body.data!.country.memberships as {
      totalCount: number;
      nodes: {
        status: string;
        member: { slug: string };
        organization: { slug: string; name: string };
        sources: { quote: string; document: { title: string } }[];
      }[];
    };
    expect(conn.totalCount).toBe(3);
    const statuses = Object.fromEntries(conn.nodes.map((m) => [m.organization.slug, m.status]));
    expect(statuses).toEqual({
      'organization-of-turkic-states': 'FOUNDING_MEMBER',
      'collective-security-treaty-organization': 'MEMBER',
      'world-trade-organization': 'CANDIDATE',
    });
    for (const m of conn.nodes) {
      expect(m.member.slug).toBe('kazakhstan');
      expect(m.sources.length).toBeGreaterThan(0);
    }
    const wto = conn.nodes.find((m) => m.organization.slug === 'world-trade-organization')!;
    expect(wto.sources).toEqual([
      {
        quote: "Turkey has supported Kazakhstan's bid to join the World Trade Organization",
        document: { title: 'Kazakhstan–Turkey relations' },
      },
    ]);
    const csto = conn.nodes.find((m) => m.organization.slug === 'collective-security-treaty-organization')!;
    expect(csto.sources.map((s) => s.quote)).toContain(
      'Founded in 1992, the CSTO comprises Russia, Kazakhstan, Kyrgyzstan, Belarus, Tajikistan, and Armenia.',
    );
  });

  it("lists Türkiye's memberships, including its EU candidacy stated by two documents", async () => {
    const { body } = await api.gql(`{
      country(name: "Turkey") {
        memberships(first: 50) { totalCount nodes { status organization { slug } sources { quote document { title } } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.country.memberships.nodes as {
      status: string;
      organization: { slug: string };
      sources: { document: { title: string } }[];
    }[];
    expect(body.data!.country.memberships.totalCount).toBe(6);
    expect(Object.fromEntries(nodes.map((m) => [m.organization.slug, m.status]))).toEqual({
      'organization-of-turkic-states': 'FOUNDING_MEMBER',
      'united-nations': 'MEMBER',
      g20: 'MEMBER',
      'organization-of-islamic-cooperation': 'MEMBER',
      nato: 'MEMBER',
      'european-union': 'CANDIDATE',
    });
    const eu = nodes.find((m) => m.organization.slug === 'european-union')!;
    expect(new Set(eu.sources.map((s) => s.document.title))).toEqual(
      new Set([
        'Kazakhstan–Turkey relations',
        'Samarkand Declaration Paves the Way for a Stronger Central Asia–EU Partnership',
      ]),
    );
  });

  it('agrees with Organization.members: each membership of a country is listed by its organization', async () => {
    const { body } = await api.gql(`{
      country(name: "Kazakhstan") {
        memberships(first: 50) { nodes { id organization { members(first: 100) { nodes { id } } } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    for (const m of body.data!.country.memberships.nodes as {
      id: string;
      organization: { members: { nodes: { id: string }[] } };
    }[])
      expect(m.organization.members.nodes.map((n) => n.id)).toContain(m.id);
  });
});
