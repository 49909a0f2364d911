/**
 * The reference operations of the scale work (issue "Scale"): the benchmark measures them and the scale
 * tests check every statement they run. Their variables are chosen from the data at hand (the most
 * connected country and organization, a page far into a list), so the same operations fit the curated
 * seed alone and a synthetic graph of a million events.
 */
import { toGlobalId } from '../provenance/ids';

export interface ReferenceOperation {
  /** A short, stable key ("country-claims"), used in file names and tables. */
  key: string;
  /** What it stands for, in words. */
  title: string;
  query: string;
  variables: (p: OperationParameters) => Record<string, unknown>;
}

/** Values picked from the database the operations run against. */
export interface OperationParameters {
  countryName: string;
  organizationName: string;
  searchText: string;
  /** Fifty `_entities` representations of five types. */
  representations: { __typename: string; id: string }[];
  /** Global ids of the five countries that take part in the most events. */
  timelineCountries: string[];
  /** The cursor after which page 50 of `countries` (by name) starts, or the last page when there are fewer. */
  countriesAfter: string | null;
  eventsFrom: string;
  eventsTo: string;
}

/** Countries per page in the cursor walk: page 50 then lies near the end of about 200 countries. */
export const COUNTRY_PAGE_SIZE = 4;
export const COUNTRY_PAGE = 50;

export const REFERENCE_OPERATIONS: readonly ReferenceOperation[] = [
  {
    key: 'country-claims',
    title: 'a country by name with every claim and its sources',
    query: `query CountryClaims($name: String!) { country(name: $name) { id name claims { field value rank
      validFrom { text } validTo { text } sources { quote span { start end } document { id title kind } } } } }`,
    variables: (p) => ({ name: p.countryName }),
  },
  {
    key: 'organization-members',
    title: "an organization's members (first 20) with statuses and sources",
    query: `query OrganizationMembers($name: String!) { organization(name: $name) { id name members(first: 20) {
      totalCount edges { cursor node { status since { text } member { __typename ... on Country { id name }
      ... on Organization { id name } } sources { quote span { start end } document { id title } } } } } } }`,
    variables: (p) => ({ name: p.organizationName }),
  },
  {
    key: 'search',
    title: 'a two-word search',
    query: `query Search($text: String!) { search(text: $text, first: 20) { totalCount edges { score node {
      __typename ... on Country { id name } ... on Organization { id name } ... on Agreement { id name }
      ... on Event { id name } ... on Project { id name } ... on Person { id name } ... on Document { id title } } } } }`,
    variables: (p) => ({ text: p.searchText }),
  },
  {
    key: 'entities',
    title: '`_entities` with 50 mixed representations',
    query: `query Entities($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Country { id name } ... on Organization { id name } ... on Event { id name }
      ... on Agreement { id name } ... on Person { id name } } }`,
    variables: (p) => ({ representations: p.representations }),
  },
  {
    key: 'deep',
    title: 'countries(first 20) → memberships → organization → members(first 20) → member name',
    query: `query Deep { countries(first: 20) { nodes { id name memberships(first: 20) { nodes { status organization {
      id name members(first: 20) { nodes { member { __typename ... on Country { name } ... on Organization { name } } } } } } } } } }`,
    variables: () => ({}),
  },
  {
    key: 'timeline',
    title: 'a timeline of five countries, entries involving any of them (first 100)',
    query: `query Timeline($participants: [ID!]) { timeline(participants: $participants, participantsMatch: ANY, first: 100) { totalCount
      edges { cursor date { text precision } node { __typename ... on Event { id name } ... on Agreement { id name } } } } }`,
    variables: (p) => ({ participants: p.timelineCountries }),
  },
  {
    key: 'countries-page',
    title: `countries ordered by name, page ${COUNTRY_PAGE} via cursors`,
    query: `query CountriesPage($after: String) { countries(orderBy: { field: NAME }, first: ${COUNTRY_PAGE_SIZE}, after: $after) {
      pageInfo { hasNextPage endCursor } edges { cursor node { id name iso2 } } } }`,
    variables: (p) => ({ after: p.countriesAfter }),
  },
  {
    key: 'events-range',
    title: 'events filtered by a date range, ordered by date',
    query: `query EventsInRange($from: String!, $to: String!) { events(filter: { from: $from, to: $to },
      orderBy: { field: START }, first: 20) { pageInfo { hasNextPage endCursor } edges { cursor node { id name
      start { text precision } end { text } } } } }`,
    variables: (p) => ({ from: p.eventsFrom, to: p.eventsTo }),
  },
];

/** Runs one SQL statement; returns its rows. */
export type SqlRunner = <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;
/** Sends one GraphQL operation; returns `data` or throws with the errors. */
export type GraphQLRunner = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** Chooses the operations' variables from the data: SQL on the base tables, and the API for cursors. */
export async function resolveParameters(sql: SqlRunner, gql: GraphQLRunner): Promise<OperationParameters> {
  const [country] = await sql<{ name: string }>(
    `SELECT c.name FROM country c JOIN claim cl ON cl.subject_id = c.id
      GROUP BY c.id, c.name ORDER BY COUNT(*) DESC, c.id LIMIT 1`,
  );
  const [organization] = await sql<{ name: string }>(
    `SELECT o.name FROM organization o JOIN membership m ON m.organization_id = o.id
      GROUP BY o.id, o.name ORDER BY COUNT(*) DESC, o.id LIMIT 1`,
  );
  const busiest = await sql<{ id: string }>(
    `SELECT ep.participant_id AS id FROM event_participant ep WHERE ep.participant_type = 'Country'
      GROUP BY ep.participant_id ORDER BY COUNT(*) DESC, ep.participant_id LIMIT 5`,
  );
  const representations: OperationParameters['representations'] = [];
  for (const [type, table] of [
    ['Country', 'country'],
    ['Organization', 'organization'],
    ['Event', 'event'],
    ['Agreement', 'agreement'],
    ['Person', 'person'],
  ] as const) {
    const rows = await sql<{ id: string }>(`SELECT id FROM \`${table}\` ORDER BY id DESC LIMIT 10`);
    representations.push(...rows.map((r) => ({ __typename: type, id: toGlobalId(type, r.id) })));
  }
  // reorder so the types interleave, as a gateway's batch would
  representations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!country || !organization)
    throw new Error('the database holds no country or no organization with members');
  return {
    countryName: country.name,
    organizationName: organization.name,
    searchText: 'transit corridor',
    representations,
    timelineCountries: busiest.map((b) => toGlobalId('Country', b.id)),
    countriesAfter: await countriesCursor(gql),
    eventsFrom: '2019-03',
    eventsTo: '2021-06-15',
  };
}

/** Walks `countries` by name to the cursor that opens page COUNTRY_PAGE (or the last page). */
async function countriesCursor(gql: GraphQLRunner): Promise<string | null> {
  const operation = REFERENCE_OPERATIONS.find((o) => o.key === 'countries-page')!;
  let after: string | null = null;
  for (let page = 1; page < COUNTRY_PAGE; page++) {
    const data = (await gql(operation.query, { after })) as {
      countries: { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const { hasNextPage, endCursor } = data.countries.pageInfo;
    if (!hasNextPage) return after; // this page is the last: it stands in for page 50
    after = endCursor;
  }
  return after;
}
