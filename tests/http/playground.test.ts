import { startTestService, type TestService } from '../support/service';

let api: TestService;
beforeAll(async () => {
  api = await startTestService();
});
afterAll(() => api.stop());

describe('HTTP: the playground', () => {
  it('serves GraphiQL to a browser, loading nothing from any other host', async () => {
    const res = await fetch(api.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThanOrEqual(4);
    const assets = references.filter((ref) => ref !== '/explorer/');
    expect(references).toContain('/explorer/');
    for (const ref of assets) expect(ref).toMatch(/^\/graphql\/playground\//);
    expect(html).not.toMatch(/https?:\/\//);
    for (const ref of assets) {
      const asset = await fetch(`${api.origin}${ref}`);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      expect((await asset.text()).length).toBeGreaterThan(1000);
    }
  });

  it('still answers GraphQL over GET to a client', async () => {
    const res = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
