/** The example operations a front end would send, run against the service with the typed documents. */
import { print } from 'graphql';
import { fetchCountryPage, fieldWithSources } from '../../clients/example';
import {
  AgreementWithPartiesDocument,
  OrganizationWithMembersDocument,
  RelationsDocument,
  SearchDocument,
  TimelineDocument,
} from '../../clients/generated/graphql';
import { useTestService } from '../support/service';

const api = useTestService();
let ids: { kz: { id: string }; tr: { id: string } };
beforeAll(async () => {
  ids = (await api.gql('{ kz: country(name: "Kazakhstan") { id } tr: country(name: "Türkiye") { id } }')).body
    .data as typeof ids;
});

/** Runs an operation and expects a 200 without errors; gives its data. */
async function run(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const { status, body } = await api.gql(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

describe('Typed client operations', () => {
  it('loads a country page through the typed example client', async () => {
    const page = await fetchCountryPage(api.url, { name: 'Kazakhstan' });
    expect(page.country?.name).toBe('Kazakhstan');
    expect(page.country?.memberships.nodes.map((m) => m.organization.acronym)).toContain('OTS');
    const name = fieldWithSources(page, 'name');
    expect(name.values).toEqual(['Kazakhstan']);
    expect(name.documents).toContain(
      'Türkiye and the Organization of Turkic States: Is Global Partnership Possible through Regional Cooperation?',
    );
  });

  it('OrganizationWithMembers: the OTS with its founding members, each with its sources', async () => {
    const { organization } = await run(print(OrganizationWithMembersDocument), { name: 'TDT' });
    expect(organization).toMatchObject({ name: 'Organization of Turkic States', acronym: 'OTS' });
    const members = organization.members.edges.map((e: any) => e.node);
    expect(members.length).toBe(Math.min(organization.members.totalCount, 20));
    expect(members.map((m: any) => m.member.name)).toEqual(
      expect.arrayContaining(['Kazakhstan', 'Türkiye', 'Azerbaijan']),
    );
    for (const m of members) expect(m.sources.length).toBeGreaterThan(0);
  });

  it('AgreementWithParties: the Samarkand Declaration with at least two parties, each sourced', async () => {
    const { agreement } = await run(print(AgreementWithPartiesDocument), { name: 'Samarkand Declaration' });
    expect(agreement.name).toMatch(/Samarkand/);
    expect(agreement.parties.nodes.length).toBeGreaterThanOrEqual(2);
    for (const p of agreement.parties.nodes) expect(p.sources.length).toBeGreaterThan(0);
    expect(agreement.claims.length).toBeGreaterThan(0);
    for (const c of agreement.claims) expect(c.sources.length).toBeGreaterThan(0);
  });

  it('Search: hits for "Middle Corridor", best first', async () => {
    const { search } = await run(print(SearchDocument), { text: 'Middle Corridor' });
    expect(search.totalCount).toBeGreaterThanOrEqual(1);
    expect(search.edges.length).toBe(Math.min(search.totalCount, 10));
    const scores = search.edges.map((e: any) => e.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it("Timeline: Kazakhstan's events and agreements from 1991 to 2025, in date order", async () => {
    const { timeline } = await run(print(TimelineDocument), {
      participants: [ids.kz.id],
      from: '1991',
      to: '2025',
    });
    expect(timeline.edges.length).toBeGreaterThanOrEqual(3);
    expect(timeline.edges.length).toBe(Math.min(timeline.totalCount, 20));
    const years = timeline.edges.map((e: any) => Number(e.date.text.slice(0, 4)));
    for (const year of years) expect(year >= 1991 && year <= 2025).toBe(true);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(new Set(timeline.edges.map((e: any) => e.node.__typename))).toEqual(
      new Set(['Event', 'Agreement']),
    );
  });

  it('Relations: Kazakhstan and Türkiye share the OTS and have agreements and events together', async () => {
    const { relations } = await run(print(RelationsDocument), { a: ids.kz.id, b: ids.tr.id });
    expect(relations.between.map((b: any) => b.name)).toEqual(['Kazakhstan', 'Türkiye']);
    expect(relations.sharedMemberships.nodes.map((n: any) => n.organization.name)).toContain(
      'Organization of Turkic States',
    );
    expect(relations.agreements.totalCount).toBeGreaterThanOrEqual(1);
    expect(relations.agreements.nodes.length).toBe(relations.agreements.totalCount);
    expect(relations.events.totalCount).toBeGreaterThanOrEqual(1);
  });
});
