import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/environment';
import { useTestService } from '../support/service';

const api = useTestService();

async function playgroundHtml(): Promise<string> {
  const res = await fetch(api.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  return res.text();
}

/** The tabs the page opens with, as GraphiQL receives them. */
function tabsOf(html: string): { query: string; variables?: string }[] {
  const match = /defaultTabs: (\[.*?\]), shouldPersistHeaders/s.exec(html);
  if (!match) throw new Error('the page gives GraphiQL no defaultTabs');
  return JSON.parse(match[1]!) as { query: string; variables?: string }[];
}

describe('HTTP: the playground', () => {
  it('serves GraphiQL to a browser, loading nothing from any other host', async () => {
    const html = await playgroundHtml();
    expect(html).toContain('GraphiQL');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThanOrEqual(6);
    const assets = references.filter((ref) => ref !== '/explorer/');
    expect(references).toContain('/explorer/');
    for (const ref of assets) expect(ref).toMatch(/^\/graphql\/playground\/|^\/favicon\.ico$/);
    expect(html).not.toMatch(/https?:\/\//);
    for (const ref of assets) {
      const asset = await fetch(`${api.origin}${ref}`);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('serves a favicon, a 32x32 icon', async () => {
    const res = await fetch(`${api.origin}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const icon = Buffer.from(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 32x32 pixels at 32 bits
    expect([icon.readUInt16LE(0), icon.readUInt16LE(2), icon.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([icon[6], icon[7], icon.readUInt16LE(12)]).toEqual([32, 32, 32]);
    expect(icon.length).toBe(6 + 16 + icon.readUInt32LE(14));
  });

  it('opens with a welcome tab, then one tab per example operation of clients/operations', async () => {
    const tabs = tabsOf(await playgroundHtml());
    // the front-end examples; the explorer's own operations (explorer-*.graphql) are not ready-to-run tabs
    const examples = [
      'country-page',
      'organization-members',
      'agreement-parties',
      'search',
      'timeline',
      'relations',
    ];
    const operations = examples.map((name) =>
      fs.readFileSync(path.join(ROOT, 'clients', 'operations', `${name}.graphql`), 'utf8'),
    );
    expect(tabs.length).toBe(operations.length + 1);
    expect(tabs[0]!.query).toMatch(/query Welcome/);
    expect(tabs.slice(1).map((t) => t.query)).toEqual(operations);
    for (const tab of tabs.slice(1)) expect(JSON.parse(tab.variables!)).toEqual(expect.any(Object));
  });

  it('gives every tab variables that make its operation answer without errors', async () => {
    const tabs = tabsOf(await playgroundHtml());
    for (const tab of tabs) {
      const { status, body } = await api.gql(
        tab.query,
        tab.variables ? JSON.parse(tab.variables) : undefined,
      );
      const name = /query (\w+)/.exec(tab.query)![1];
      expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
      expect({ name, nullRoots: Object.entries(body.data!).filter(([, v]) => v === null) }).toEqual({
        name,
        nullRoots: [],
      });
    }
  });

  it('welcomes with values that come with their sources', async () => {
    const [welcome] = tabsOf(await playgroundHtml());
    const { body } = await api.gql(welcome!.query);
    expect(body.errors).toBeUndefined();
    const country = body.data!.country;
    expect(country.name).toBe('Türkiye');
    expect(country.claims.length).toBeGreaterThan(0);
    for (const claim of country.claims) expect(claim.sources.length).toBeGreaterThan(0);
    expect(country.memberships.nodes.length).toBeGreaterThan(0);
    for (const membership of country.memberships.nodes) expect(membership.sources.length).toBeGreaterThan(0);
  });

  it('still answers GraphQL over GET to a client', async () => {
    const res = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
