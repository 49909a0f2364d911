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
import { startTestService, type TestService } from '../support/service';

let api: TestService;
beforeAll(async () => {
  api = await startTestService();
});
afterAll(() => api.stop());

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

  it('runs every other example operation without an error', async () => {
    const ids = (
      await api.gql('{ kz: country(name: "Kazakhstan") { id } tr: country(name: "Türkiye") { id } }')
    ).body.data!;
    const runs: [string, Record<string, unknown>][] = [
      [print(OrganizationWithMembersDocument), { name: 'TDT' }],
      [print(AgreementWithPartiesDocument), { name: 'Samarkand Declaration' }],
      [print(SearchDocument), { text: 'Middle Corridor' }],
      [print(TimelineDocument), { participants: [ids.kz.id], from: '1991', to: '2025' }],
      [print(RelationsDocument), { a: ids.kz.id, b: ids.tr.id }],
    ];
    for (const [query, variables] of runs) {
      const { status, body } = await api.gql(query, variables);
      expect({ query: query.split('\n')[0], status, errors: body.errors }).toEqual({
        query: query.split('\n')[0],
        status: 200,
        errors: undefined,
      });
      expect(Object.values(body.data!).every((v) => v !== null)).toBe(true);
    }
  });
});
