import mysql from 'mysql2/promise';
import { toGlobalId } from '../../src/provenance/ids';
import { startTestService, type TestService } from '../support/service';
import { scaleState } from './setup/scale-state';

let service: TestService;
let connection: mysql.Connection;
beforeAll(async () => {
  service = await startTestService({
    databaseUrl: scaleState().largeUrl,
    statementTimeoutMs: 120_000,
    requestTimeoutMs: 600_000,
  });
  connection = await mysql.createConnection({ uri: scaleState().largeUrl });
});
afterAll(async () => {
  await service?.stop();
  await connection?.end();
});

/** Follows `endCursor` from the first page to the last; returns every id in the order served. */
async function walk(
  query: string,
  variables: Record<string, unknown>,
  connectionOf: (data: any) => any,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    const res = await service.gql(query, { ...variables, after });
    if (res.body.errors)
      throw new Error(`page ${page + 1}: ${JSON.stringify(res.body.errors).slice(0, 400)}`);
    const list = connectionOf(res.body.data);
    ids.push(...list.nodes.map((n: { id: string }) => n.id));
    if (!list.pageInfo.hasNextPage) return ids;
    after = list.pageInfo.endCursor;
  }
  throw new Error('more than 10,000 pages');
}

function expectWholeList(served: string[], expected: string[]): void {
  const duplicates = served.filter((id, i) => served.indexOf(id) !== i);
  const seen = new Set(served);
  const missing = expected.filter((id) => !seen.has(id));
  expect({ duplicates, missing, count: served.length }).toEqual({
    duplicates: [],
    missing: [],
    count: expected.length,
  });
}

describe('Scale: keyset pages walk a whole large list with no gap and no duplicate', () => {
  it('organizations by name, 50 a page', async () => {
    const [rows] = (await connection.query('SELECT id FROM organization')) as unknown as [{ id: string }[]];
    expect(rows.length).toBeGreaterThan(100);
    const served = await walk(
      'query($after: String) { organizations(orderBy: { field: NAME }, first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }',
      {},
      (d) => d.organizations,
    );
    expectWholeList(
      served,
      rows.map((r) => toGlobalId('Organization', r.id)),
    );
  });

  it("the busiest country's events by start date (unknown and partial dates, many ties), 50 a page", async () => {
    const [[busiest]] = (await connection.query(
      "SELECT country_id AS id FROM event WHERE country_id LIKE 'synthetic--%' GROUP BY country_id ORDER BY COUNT(*) DESC, country_id LIMIT 1",
    )) as unknown as [{ id: string }[]];
    const [rows] = (await connection.query('SELECT id FROM event WHERE country_id = ?', [
      busiest!.id,
    ])) as unknown as [{ id: string }[]];
    expect(rows.length).toBeGreaterThan(100);
    const served = await walk(
      'query($country: ID!, $after: String) { events(filter: { country: $country }, orderBy: { field: START }, first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }',
      { country: toGlobalId('Country', busiest!.id) },
      (d) => d.events,
    );
    expectWholeList(
      served,
      rows.map((r) => toGlobalId('Event', r.id)),
    );
  });

  it.each([
    ['ASC', 'start_sort, id'],
    ['DESC', 'start_sort_desc DESC, id DESC'],
  ])(
    'events overlapping a date range by start (%s), every span class, in the order of the stored keys, 100 a page',
    async (direction, order) => {
      // a range that starts mid-month: year and month starts before it reach into it, days before it do not
      const [from, to, lastDay] = ['2019-03-15', '2019-06', '2019-06-30'];
      const [rows] = (await connection.query(
        `SELECT id FROM event WHERE start_earliest IS NOT NULL AND reach_latest >= ? AND start_earliest <= ? ORDER BY ${order}`,
        [from, lastDay],
      )) as unknown as [{ id: string }[]];
      const [classes] = (await connection.query(
        'SELECT DISTINCT span_class AS c FROM event WHERE start_earliest IS NOT NULL AND reach_latest >= ? AND start_earliest <= ? AND start_earliest < ?',
        [from, lastDay, from],
      )) as unknown as [{ c: number | null }[]];
      // begun before `from` and reaching it: month and year starts, and events of several days
      expect(classes.map((c) => c.c)).toEqual(expect.arrayContaining([1, 2, 3]));
      expect(rows.length).toBeGreaterThan(200);
      const served = await walk(
        `query($after: String) { events(filter: { from: "${from}", to: "${to}" }, orderBy: { field: START, direction: ${direction} }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
        {},
        (d) => d.events,
      );
      expect(served).toEqual(rows.map((r) => toGlobalId('Event', r.id)));
    },
  );

  it("the largest organization's members, a nested list, 20 a page", async () => {
    const [[org]] = (await connection.query(
      'SELECT organization_id AS id, COUNT(*) AS n FROM membership GROUP BY organization_id ORDER BY n DESC, organization_id LIMIT 1',
    )) as unknown as [{ id: string }[]];
    const [rows] = (await connection.query('SELECT id FROM membership WHERE organization_id = ?', [
      org!.id,
    ])) as unknown as [{ id: string }[]];
    expect(rows.length).toBeGreaterThan(100);
    const served = await walk(
      'query($id: ID!, $after: String) { organization(id: $id) { members(first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } } }',
      { id: toGlobalId('Organization', org!.id) },
      (d) => d.organization.members,
    );
    expectWholeList(
      served,
      rows.map((r) => toGlobalId('Membership', r.id)),
    );
  });
});
