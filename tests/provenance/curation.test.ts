/**
 * The curation rules of the seed, read through the API as a client reads them: every claim is reached
 * from the documents that cite it, so nothing in the graph escapes the checks.
 */
import { fieldSpec, type EntityTypeName } from '../../src/provenance/entity-types';
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

interface ClaimSeen {
  id: string;
  field: string;
  value: string;
  rank: 'PREFERRED' | 'NORMAL' | 'DEPRECATED';
  inferred: boolean;
  note: string | null;
  subject: { __typename: EntityTypeName; id: string };
}
interface CitationSeen {
  quote: string;
  note: string | null;
  document: { id: string };
  claim: ClaimSeen;
}
type Source = { quote: string; note: string | null; document: { id: string } };
type Claim = Omit<ClaimSeen, 'subject'> & { sources: Source[] };

const CLAIM = 'id field value rank inferred note';
// document ids are opaque: the checks name documents by their titles
const CDPA =
  'Türkiye and the Organization of Turkic States: Is Global Partnership Possible through Regional Cooperation?';
const SAMARKAND = 'Samarkand Declaration Paves the Way for a Stronger Central Asia–EU Partnership';
const WIKIPEDIA = 'Kazakhstan–Turkey relations';
const titles = new Map<string, string>();
const titleOf = (source: { document: { id: string } }): string => titles.get(source.document.id)!;
const SOURCES = 'sources { quote note document { id } }';

let citations: CitationSeen[] = [];
let claims: Map<string, ClaimSeen & { documents: Set<string> }>;

beforeAll(async () => {
  const { body } = await api.gql('{ documents(first: 100) { nodes { id title } } }');
  expect(body.errors).toBeUndefined();
  for (const d of body.data!.documents.nodes as { id: string; title: string }[]) titles.set(d.id, d.title);
  const documents = [...titles.keys()];
  expect(documents).toHaveLength(6);
  citations = [];
  for (const id of documents) {
    citations.push(
      ...(await collectPages<CitationSeen>(
        api,
        `query($id: ID!, $after: String) { document(id: $id) { citations(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { quote note document { id } claim { ${CLAIM} subject { __typename id } } }
        } } }`,
        'document.citations',
        { variables: { id }, expectNoErrors: true, items: (c) => c.nodes as CitationSeen[] },
      )),
    );
  }
  claims = new Map();
  for (const c of citations) {
    const seen = claims.get(c.claim.id) ?? { ...c.claim, documents: new Set<string>() };
    seen.documents.add(c.document.id);
    claims.set(c.claim.id, seen);
  }
});

async function query<Data = Record<string, any>>(text: string, variables?: Record<string, unknown>) {
  const { body } = await api.gql<Data>(text, variables);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const byValue = (list: Claim[], value: string): Claim => {
  const found = list.filter((c) => c.value === value);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('Curation: ranks, inferences and notes across the whole seed', () => {
  it('reaches every claim from the documents that cite it', () => {
    // the seed holds some two thousand claims; an empty walk would make every rule below pass
    expect(claims.size).toBeGreaterThan(2000);
  });

  it('settles every single-valued field that has more than one live value with exactly one PREFERRED claim', () => {
    const groups = new Map<string, ClaimSeen[]>();
    for (const c of claims.values()) {
      if (c.rank === 'DEPRECATED' || fieldSpec(c.subject.__typename, c.field)?.multi) continue;
      const key = `${c.subject.id} ${c.field}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const competing = [...groups.entries()].filter(([, g]) => g.length > 1);
    // the seed's known conflicts: the four summaries, the OTS's names and dates, two figures' readings...
    expect(competing.length).toBeGreaterThanOrEqual(14);
    const unsettled = competing
      .filter(([, g]) => g.filter((c) => c.rank === 'PREFERRED').length !== 1)
      .map(([key, g]) => `${key}: ${g.map((c) => `${c.value} (${c.rank})`).join(' | ')}`);
    expect(unsettled).toEqual([]);
    const withoutReason = competing.filter(([, g]) => g.every((c) => !c.note)).map(([key]) => key);
    expect(withoutReason).toEqual([]);
  });

  it('ranks the four summaries two documents gave differently, with the reason in a note', async () => {
    const data = await query(`{
      middle: project(name: "Middle Corridor") { claims(fields: [SUMMARY]) { ${CLAIM} ${SOURCES} } }
      tanap: project(name: "TANAP") { claims(fields: [SUMMARY]) { ${CLAIM} ${SOURCES} } }
      war: event(name: "Second Karabakh War") { claims(fields: [SUMMARY]) { ${CLAIM} ${SOURCES} } }
      conflict: event(name: "Nagorno-Karabakh conflict") { claims(fields: [SUMMARY]) { ${CLAIM} ${SOURCES} } }
    }`);
    const preferredFrom: Record<string, string> = {};
    for (const [key, entity] of Object.entries(data)) {
      const summaries = (entity as { claims: Claim[] }).claims;
      expect(summaries).toHaveLength(2);
      expect(summaries.map((c) => c.rank).sort()).toEqual(['NORMAL', 'PREFERRED']);
      expect(summaries.every((c) => (c.note ?? '').length > 20)).toBe(true);
      preferredFrom[key] = titleOf(summaries.find((c) => c.rank === 'PREFERRED')!.sources[0]!);
    }
    expect(preferredFrom).toEqual({
      middle: SAMARKAND,
      tanap: CDPA,
      war: SAMARKAND,
      conflict: CDPA,
    });
  });

  it('gives every inferred claim a note saying how it was inferred', () => {
    const inferred = [...claims.values()].filter((c) => c.inferred);
    expect(inferred.length).toBeGreaterThan(100);
    expect(inferred.filter((c) => !c.note?.trim()).map((c) => `${c.subject.id} ${c.field}`)).toEqual([]);
  });
});

describe('Curation: the inferred links the review found', () => {
  it("marks Turkey's EU candidacy read from a metaphor as inferred, and both 2006 candidacies as of 2006", async () => {
    const data = await query(`{
      turkiye: country(name: "Türkiye") { memberships(first: 50) { nodes { slug claims(fields: [STATUS]) { ${CLAIM} ${SOURCES} } } } }
      kazakhstan: country(name: "Kazakhstan") { memberships(first: 50) { nodes { slug claims(fields: [STATUS]) { ${CLAIM} ${SOURCES} } } } }
    }`);
    const status = (who: string, slug: string): Claim => {
      const nodes = data[who].memberships.nodes as { slug: string; claims: Claim[] }[];
      return byValue(nodes.find((n) => n.slug === slug)!.claims, 'CANDIDATE');
    };
    const eu = status('turkiye', 'turkiye--european-union');
    expect(eu.inferred).toBe(true);
    expect(eu.note).toMatch(/metaphor/);
    expect(eu.note).toMatch(/As of 2006/);
    expect(eu.sources.map(titleOf).sort()).toEqual([WIKIPEDIA, SAMARKAND].sort());
    const wto = status('kazakhstan', 'kazakhstan--world-trade-organization');
    expect(wto.inferred).toBe(false);
    expect(wto.note).toMatch(/As of 2006/);
  });

  it('marks what rests on taking the Karaganda deposit to be Kuirektykol, and says so on each such citation', async () => {
    const karaganda = citations.filter(
      (c) =>
        titleOf(c) === SAMARKAND &&
        // the ministry's own kind needs no identification of the deposit
        c.claim.subject.__typename !== 'Organization' &&
        /^(By some estimates, the deposit|Kazakhstan said this week|the Ministry of Industry and Construction said)/.test(
          c.quote,
        ),
    );
    expect(karaganda.length).toBeGreaterThanOrEqual(8);
    const unmarked = karaganda
      .filter(
        (c) => !(c.claim.inferred && /Karaganda/.test(c.claim.note ?? '')) && !/Karaganda/.test(c.note ?? ''),
      )
      .map((c) => `${c.claim.subject.id} ${c.claim.field}: ${c.quote}`);
    expect(unmarked).toEqual([]);
    const { figures } = await query(
      `{ figures(first: 100, filter: { metrics: [RESOURCES] }) { nodes { slug claims(fields: [QUALIFIER, AS_STATED]) { ${CLAIM} ${SOURCES} } } } }`,
    );
    const predicted = (figures.nodes as { slug: string; claims: Claim[] }[]).find(
      (f) => f.slug === 'kuirektykol-predicted-rare-earth-resources',
    )!;
    expect(byValue(predicted.claims, 'APPROXIMATE').inferred).toBe(true);
    expect(byValue(predicted.claims, 'roughly 20 million tons').inferred).toBe(true);
    expect(byValue(predicted.claims, 'AT_LEAST')).toMatchObject({ inferred: false, rank: 'PREFERRED' });
  });

  it("stores 'By November 2024' as an inferred start, with the deadline explained", async () => {
    const data = await query(
      `{ event(name: "Discovery of rare-earth concentrations at Kuirektykol") { start { text } claims(fields: [START]) { ${CLAIM} } } }`,
    );
    expect(data.event.start.text).toBe('2024-11');
    const [start, ...rest] = data.event.claims as Claim[];
    expect(rest).toEqual([]);
    expect(start).toMatchObject({ value: '2024-11', inferred: true });
    expect(start!.note).toMatch(/By November 2024/);
  });
});

describe('Curation: metrics', () => {
  it('tells estimated resources from proven reserves', async () => {
    const { figures } = await query(
      '{ figures(first: 100, filter: { metrics: [RESERVES, RESOURCES] }) { nodes { slug metric asStated } } }',
    );
    const nodes = figures.nodes as { slug: string; metric: string; asStated: string }[];
    expect(nodes.filter((f) => f.metric === 'RESERVES').map((f) => f.slug)).toEqual([
      'kuirektykol-initial-proven-reserves',
    ]);
    const resources = nodes.filter((f) => f.metric === 'RESOURCES');
    expect(resources.map((f) => f.slug).sort()).toEqual([
      'kuirektykol-additional-areas-resources',
      'kuirektykol-initial-total-resources',
      'kuirektykol-predicted-rare-earth-resources',
    ]);
    expect(resources.filter((f) => /proven|reserve/i.test(f.asStated))).toEqual([]);
  });

  it('counts every growth, as a multiple or a percentage, as GROWTH and nothing else', async () => {
    const all = await collectPages<{
      slug: string;
      metric: string;
      unit: string | null;
      asStated: string | null;
    }>(
      api,
      'query($after: String) { figures(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug metric unit asStated } } }',
      'figures',
      { expectNoErrors: true, items: (c) => c.nodes as never[] },
    );
    const growth = all.filter((f) => f.metric === 'GROWTH');
    expect(growth.map((f) => f.slug).sort()).toEqual([
      'aktau-port-container-throughput-target',
      'central-asia-eu-trade-growth-seven-years',
      'kazakhstan-turkiye-trade-turnover-growth-2005',
      'kuirektykol-reserves-growth-projection',
      'tanap-expansion-gas-flow-increase',
      'turkiye-central-asia-trade-volume-growth-2019-2023',
      'uzbekistan-eu-trade-growth-since-2020',
      'uzbekistan-exports-to-eu-growth',
    ]);
    expect(growth.filter((f) => f.unit !== 'times' && f.unit !== 'percent')).toEqual([]);
    const growthWords = /doubl|tripl|quadrupl|growth|increase|enhanced .* by/i;
    expect(
      all.filter((f) => f.metric !== 'GROWTH' && (f.unit === 'times' || growthWords.test(f.asStated ?? ''))),
    ).toEqual([]);
  });
});

describe('Curation: names, statuses and kinds', () => {
  it('names the two ministries of foreign affairs by their state, and no two organizations alike', async () => {
    const names = await collectPages<string>(
      api,
      'query($after: String) { organizations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }',
      'organizations',
      { expectNoErrors: true, items: (c) => (c.nodes as { name: string }[]).map((n) => n.name) },
    );
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const data = await query(`{
      kz: organization(name: "Ministry of Foreign Affairs of Kazakhstan") { slug }
      am: organization(name: "Armenian Ministry of Foreign Affairs") { slug name }
    }`);
    expect(data.kz.slug).toBe('kazakhstan-ministry-of-foreign-affairs');
    expect(data.am).toEqual({
      slug: 'armenia-ministry-of-foreign-affairs',
      name: 'Ministry of Foreign Affairs of Armenia',
    });
  });

  it('gives the United Arab Emirates a name, with its source', async () => {
    const data = await query(
      `{ country(name: "UAE") { slug name claims(fields: [NAME]) { ${CLAIM} ${SOURCES} } } }`,
    );
    expect(data.country).toMatchObject({ slug: 'united-arab-emirates', name: 'United Arab Emirates' });
    expect((data.country.claims as Claim[]).flatMap((c) => c.sources)).not.toEqual([]);
  });

  it('cites for each spelling of the summit only the quotes that have that spelling', async () => {
    const data = await query(
      `{ event(name: "Central Asia-European Union Summit") { aliases claims(fields: [ALIASES]) { ${CLAIM} ${SOURCES} } } }`,
    );
    const aliases = data.event.claims as Claim[];
    expect(aliases.map((c) => c.value).sort()).toEqual([
      'Central Asia - EU summit',
      'Central Asia-EU summit',
      'EU-Central Asia summit',
      'EU–Central Asia Summit',
    ]);
    const misfits = aliases.flatMap((c) =>
      c.sources
        // the document sets one spelling in quotation marks: "Central Asia - EU" summit
        .filter((s) => !s.quote.replace(/"/g, '').includes(c.value))
        .map((s) => `${c.value}: ${s.quote}`),
    );
    expect(misfits).toEqual([]);
    expect(aliases.map((c) => c.sources.length)).toEqual([1, 1, 1, 1]);
  });

  it("gives TRT World its parent TRT, marked as the curator's inference", async () => {
    const data = await query(
      `{ organization(name: "TRT World") { parent { slug name kind } claims(fields: [PARENT]) { ${CLAIM} ${SOURCES} } } }`,
    );
    expect(data.organization.parent).toEqual({ slug: 'trt', name: 'TRT', kind: 'MEDIA' });
    const [parent, ...rest] = data.organization.claims as Claim[];
    expect(rest).toEqual([]);
    expect(parent).toMatchObject({ value: 'trt', inferred: true });
    expect(parent!.sources.map((s) => s.quote)).toEqual([
      'TRT World’s in-depth analysis explores the motivations behind this recalibration',
    ]);
  });

  it("keeps Armenia's CSTO membership beside its refusal to finance the organization", async () => {
    const data = await query(
      `{ country(name: "Armenia") { memberships(first: 50) { nodes { slug status claims(fields: [STATUS]) { ${CLAIM} ${SOURCES} } } } } }`,
    );
    const csto = (data.country.memberships.nodes as { slug: string; status: string; claims: Claim[] }[]).find(
      (n) => n.slug === 'armenia--collective-security-treaty-organization',
    )!;
    expect(csto.status).toBe('MEMBER');
    const status = byValue(csto.claims, 'MEMBER');
    expect(status.note).toMatch(/no longer finance/);
    expect(status.sources.map((s) => s.quote)).toContain(
      'Armenia recently announced that it would no longer finance the CSTO',
    );
  });

  it('keeps the uncertainty of the rare-earth tariff exemption', async () => {
    const data = await query(
      `{ event(name: "Announcement of U.S. reciprocal tariffs") { summary claims(fields: [SUMMARY]) { ${CLAIM} ${SOURCES} } } }`,
    );
    expect(data.event.summary).toMatch(/uncertain/);
    const [summary] = data.event.claims as Claim[];
    expect(summary!.note).toMatch(/might be exempted/);
    const quotes = summary!.sources.map((s) => s.quote);
    expect(quotes).toContain('are set to be exempt from new U.S. trade tariffs');
    expect(quotes.some((q) => q.includes('might be exempted'))).toBe(true);
  });

  it('kinds the Türkiye–Azerbaijan exercises as an exercise, and no exercise as an operation', async () => {
    const data = await query('{ event(name: "Türkiye-Azerbaijan military exercises") { kind } }');
    expect(data.event.kind).toBe('MILITARY_EXERCISE');
    const operations = await collectPages<string>(
      api,
      'query($after: String) { events(first: 100, after: $after, filter: { kinds: [MILITARY_OPERATION] }) { pageInfo { hasNextPage endCursor } nodes { name } } }',
      'events',
      { expectNoErrors: true, items: (c) => (c.nodes as { name: string }[]).map((n) => n.name) },
    );
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((n) => /exercise|drill/i.test(n))).toEqual([]);
  });
});
