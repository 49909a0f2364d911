/**
 * Lists at scale, proven by plans, not timings: on a synthetic fill (tens of thousands of rows per large
 * table, a few parents with thousands of children), every statement that every root and nested list runs
 * is ANALYZEd and reads about one page of rows per parent, never its table or its parent's whole list;
 * keyset pages walk whole lists with no gap and no duplicate, forwards and backwards.
 */
import mysql from 'mysql2/promise';
import { toGlobalId } from '../../src/provenance/ids';
import { analyze, observeStatements, type ObservedStatement } from '../support/analyze';
import { freshDatabase } from '../support/database';
import { fillLists, LARGE_PARENTS } from '../support/list-fill';
import { collectPages } from '../support/paging';
import { startTestService, type TestService } from '../support/service';

const SIZE = 20_000;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let api: TestService;
let admin: mysql.Connection;
let statements: ObservedStatement[] = [];

beforeAll(async () => {
  db = await freshDatabase('eurasia_graph_list_plans');
  await fillLists(db.dataSource, SIZE);
  admin = await mysql.createConnection(db.url);
  api = await startTestService({ databaseUrl: db.url });
  statements = observeStatements();
}, 180_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await api?.stop();
  await admin?.end();
  await db?.drop();
});

/** Runs a query over HTTP and ANALYZEs each statement it ran; returns the rows each one read. */
async function analyzed(query: string, variables: Record<string, unknown> = {}) {
  statements.length = 0;
  const { body } = await api.gql(query, variables);
  expect(body.errors).toBeUndefined();
  const ran = [...statements];
  const plans = [];
  for (const s of ran) {
    const reads = await analyze(admin, s);
    plans.push({ sql: s.sql, reads, rows: reads.reduce((n, r) => n + r.rows, 0) });
  }
  return { body, plans };
}

const id = (type: 'Country' | 'Organization' | 'Event' | 'Document' | 'Person' | 'Project', slug: string) =>
  toGlobalId(type, slug);

/** [what, query, the most rows any one statement may read] */
const CASES: [string, string, number][] = [
  ['countries by name', '{ countries(first: 20) { nodes { slug } } }', 25],
  ['countries by name, backwards', '{ countries(last: 20) { nodes { slug } } }', 25],
  [
    'countries by independence, descending',
    '{ countries(first: 20, orderBy: { field: INDEPENDENCE, direction: DESC }) { nodes { slug } } }',
    25,
  ],
  ['countries of a region', '{ countries(first: 20, filter: { region: "Europe" }) { nodes { slug } } }', 25],
  [
    'countries of a limited recognition',
    '{ countries(first: 20, filter: { recognition: PARTIALLY_RECOGNIZED }) { nodes { slug } } }',
    25,
  ],
  ['historical countries', '{ countries(first: 20, filter: { historical: true }) { nodes { slug } } }', 25],
  [
    'members of a small organization, as countries',
    `{ countries(first: 20, filter: { memberOf: "${id('Organization', 'zz-o3')}" }) { nodes { slug } } }`,
    60,
  ],
  ['organizations by name', '{ organizations(first: 20) { nodes { slug } } }', 25],
  [
    'organizations by founding date',
    '{ organizations(first: 20, orderBy: { field: FOUNDED }) { nodes { slug } } }',
    25,
  ],
  [
    'organizations of a kind',
    '{ organizations(first: 20, filter: { kinds: [BANK] }) { nodes { slug } } }',
    25,
  ],
  [
    'children of an organization',
    `{ organizations(first: 20, filter: { parent: "${id('Organization', 'zz-o1')}" }) { nodes { slug } } }`,
    25,
  ],
  ['agreements by name', '{ agreements(first: 20) { nodes { slug } } }', 25],
  [
    'agreements signed, latest first',
    '{ agreements(first: 20, orderBy: { field: SIGNED, direction: DESC }) { nodes { slug } } }',
    25,
  ],
  ['agreements of a kind', '{ agreements(first: 20, filter: { kinds: [TREATY] }) { nodes { slug } } }', 25],
  [
    'agreements of a status',
    '{ agreements(first: 20, filter: { statuses: [IN_FORCE] }) { nodes { slug } } }',
    25,
  ],
  [
    'agreements signed in a range, by date',
    '{ agreements(first: 20, filter: { signedFrom: "1950", signedTo: "1960-06" }, orderBy: { field: SIGNED }) { nodes { slug } } }',
    200,
  ],
  ['events by start', '{ events(first: 20) { nodes { slug } } }', 25],
  [
    'events by start, latest first',
    '{ events(first: 20, orderBy: { field: START, direction: DESC }) { nodes { slug } } }',
    25,
  ],
  ['events by name', '{ events(first: 20, orderBy: { field: NAME }) { nodes { slug } } }', 25],
  ['events of a kind', '{ events(first: 20, filter: { kinds: [FORUM] }) { nodes { slug } } }', 25],
  [
    'events in a country',
    `{ events(first: 20, filter: { country: "${id('Country', 'zz-c5')}" }) { nodes { slug } } }`,
    25,
  ],
  ['events in a city', '{ events(first: 20, filter: { city: "Baku" }) { nodes { slug } } }', 25],
  [
    'events up to a date, latest first',
    '{ events(first: 20, filter: { to: "1900" }, orderBy: { field: START, direction: DESC }) { nodes { slug } } }',
    60,
  ],
  [
    'events in a date range, by start',
    '{ events(first: 20, filter: { from: "1950", to: "1960" }) { nodes { slug } } }',
    200,
  ],
  [
    'events from a date, latest first',
    '{ events(first: 20, filter: { from: "2000-06" }, orderBy: { field: START, direction: DESC }) { nodes { slug } } }',
    200,
  ],
  [
    'figures about an entity, as subject or counterpart',
    `{ figures(first: 20, filter: { about: "${id('Country', 'zz-c9')}" }) { nodes { slug } } }`,
    50,
  ],
  ['figures by period', '{ figures(first: 20) { nodes { slug } } }', 25],
  [
    'figures by value, largest first',
    '{ figures(first: 20, orderBy: { field: VALUE, direction: DESC }) { nodes { slug } } }',
    25,
  ],
  ['figures of a metric', '{ figures(first: 20, filter: { metrics: [EXPORTS] }) { nodes { slug } } }', 25],
  [
    'figures about a subject',
    `{ figures(first: 20, filter: { subject: "${id('Country', 'zz-c7')}" }) { nodes { slug } } }`,
    25,
  ],
  [
    'figures in a period, by period',
    '{ figures(first: 20, filter: { periodFrom: "2000", periodTo: "2001" }, orderBy: { field: PERIOD }) { nodes { slug } } }',
    200,
  ],
  ['documents by title', '{ documents(first: 20) { nodes { id } } }', 25],
  [
    'documents by publication date',
    '{ documents(first: 20, orderBy: { field: PUBLISHED }) { nodes { id } } }',
    25,
  ],
  ['documents of a kind', '{ documents(first: 20, filter: { kinds: [REPORT] }) { nodes { id } } }', 25],
  ['people by name', '{ people(first: 20) { nodes { slug } } }', 25],
  [
    'people of a nationality',
    `{ people(first: 20, filter: { nationality: "${id('Country', 'zz-c3')}" }) { nodes { slug } } }`,
    25,
  ],
  ['projects by name', '{ projects(first: 20) { nodes { slug } } }', 25],
  ['projects of a kind', '{ projects(first: 20, filter: { kinds: [PORT] }) { nodes { slug } } }', 25],
  // nested lists: each parent's page is its own index range, the large parents included
  [
    'members of the largest organization',
    `{ organization(id: "${id('Organization', LARGE_PARENTS.organization)}") { members(first: 20) { nodes { slug } } } }`,
    25,
  ],
  [
    'children of the largest organization',
    `{ organization(id: "${id('Organization', LARGE_PARENTS.organization)}") { children(first: 20) { nodes { slug } } } }`,
    25,
  ],
  [
    'citations of the largest document',
    `{ document(id: "${id('Document', LARGE_PARENTS.document)}") { citations(first: 20) { nodes { quote } } } }`,
    25,
  ],
  [
    'parts of the largest event',
    `{ event(id: "${id('Event', LARGE_PARENTS.event)}") { parts(first: 20) { nodes { slug } } } }`,
    25,
  ],
  [
    'memberships, events, agreements, projects, positions and figures of 20 countries',
    `{ countries(first: 20) { nodes {
      memberships(first: 5) { nodes { slug } } events(first: 5) { nodes { slug } } agreements(first: 5) { nodes { slug } }
      projects(first: 5) { nodes { slug } } positions(first: 5) { nodes { slug } } figures(first: 5) { nodes { slug } } } } }`,
    20 * 6 * 2 + 25,
  ],
  [
    'events and agreements of the busiest countries',
    `{ a: country(id: "${id('Country', 'zz-c1')}") { events(first: 20) { nodes { slug } } agreements(first: 20) { nodes { slug } } figures(first: 20) { nodes { slug } } positions(first: 20) { nodes { slug } } projects(first: 20) { nodes { slug } } } }`,
    50,
  ],
  [
    'participants, parties, outcomes and parts of 20 events',
    `{ events(first: 20) { nodes { participants(first: 5) { nodes { slug } } parts(first: 5) { nodes { slug } } outcomes(first: 5) { nodes { slug } } } } }`,
    20 * 6 + 25,
  ],
  [
    'parties of 20 agreements',
    '{ agreements(first: 20) { nodes { parties(first: 5) { nodes { slug } } } } }',
    20 * 6 + 25,
  ],
  [
    'participants of 20 projects',
    '{ projects(first: 20) { nodes { participants(first: 5) { nodes { slug } } } } }',
    20 * 6 + 25,
  ],
  [
    'positions of 20 people',
    '{ people(first: 20) { nodes { positions(first: 5) { nodes { slug } } } } }',
    20 * 6 + 25,
  ],
  [
    'members and memberships of 20 organizations',
    '{ organizations(first: 20) { nodes { members(first: 5) { nodes { slug } } memberships(first: 5) { nodes { slug } } children(first: 5) { nodes { slug } } } } }',
    20 * 6 + 25,
  ],
  [
    'counts of the largest parents (capped)',
    `{ organization(id: "${id('Organization', LARGE_PARENTS.organization)}") { members(first: 1) { totalCount } } document(id: "${id('Document', LARGE_PARENTS.document)}") { citations(first: 1) { totalCount } } countries(first: 1) { totalCount } }`,
    10_001 + 5,
  ],
];

describe('Lists at scale: every statement reads about a page', () => {
  it.each(CASES)('%s', async (_what, query, budget) => {
    const { plans } = await analyzed(query);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      if (plan.rows > budget)
        throw new Error(
          `${plan.rows} rows read (budget ${budget}) by ${plan.sql}\n${JSON.stringify(plan.reads)}`,
        );
    }
  });

  it('caps totalCount and says so; a count under the cap is exact', async () => {
    const { body } = await api.gql(
      `{ countries(first: 1) { totalCount totalCountCapped } organization(id: "${id('Organization', 'zz-o2')}") { members(first: 1) { totalCount totalCountCapped } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.countries).toEqual({ totalCount: 10_000, totalCountCapped: true });
    const [[members]] = (await admin.query(
      "SELECT COUNT(*) AS n FROM membership WHERE organization_id = 'zz-o2'",
    )) as unknown as [[{ n: number }]];
    expect(body.data!.organization.members).toEqual({
      totalCount: Number(members.n),
      totalCountCapped: false,
    });
  });
});

describe('Lists at scale: keyset pages walk a whole list', () => {
  const slugsOf = async (sql: string) =>
    ((await admin.query(sql)) as unknown as [{ id: string }[]])[0].map((r) => r.id);

  it('walks the countries of a region forwards and backwards, as SQL orders them', async () => {
    const expected = await slugsOf("SELECT id FROM country WHERE region = 'Europe' ORDER BY name, id");
    expect(expected.length).toBe(SIZE / 4);
    const query = (arg: string) =>
      `query($${arg}: String) { countries(${arg === 'after' ? 'first' : 'last'}: 100, ${arg}: $${arg}, filter: { region: "Europe" }) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug } } }`;
    expect(await collectPages(api, query('after'), 'countries', { expectNoErrors: true })).toEqual(expected);
    expect(
      await collectPages(api, query('before'), 'countries', { direction: 'backward', expectNoErrors: true }),
    ).toEqual(expected);
  }, 120_000);

  it('walks events by start, latest first, with unknown dates last', async () => {
    const expected = await slugsOf('SELECT id FROM event ORDER BY start_sort_desc DESC, id DESC');
    const seen = await collectPages(
      api,
      'query($after: String) { events(first: 100, after: $after, orderBy: { field: START, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { slug start { text } } } }',
      'events',
      { expectNoErrors: true },
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(SIZE);
  }, 120_000);

  it("walks the largest organization's members, a nested list of thousands", async () => {
    const expected = await slugsOf(
      `SELECT id FROM membership WHERE organization_id = '${LARGE_PARENTS.organization}' ORDER BY organization_sort, id`,
    );
    expect(expected.length).toBe(SIZE / 2);
    const seen = await collectPages(
      api,
      `query($after: String) { organization(id: "${id('Organization', LARGE_PARENTS.organization)}") { members(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug } } } }`,
      'organization.members',
      { expectNoErrors: true },
    );
    expect(seen).toEqual(expected);
  }, 120_000);
});
