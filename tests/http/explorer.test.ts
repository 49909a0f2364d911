/** The explorer's files over HTTP: one page for every view URL, its own assets only, a strict CSP. */
import { ensureExplorerBuilt } from '../support/browser';
import { useTestService } from '../support/service';

const api = useTestService();
beforeAll(() => ensureExplorerBuilt());

const page = (path: string) =>
  fetch(`${api.origin}${path}`, { redirect: 'manual', headers: { accept: 'text/html' } });

describe('HTTP: the explorer', () => {
  it('serves the same page at /explorer/ and at every view URL under it, under a strict CSP', async () => {
    const first = await page('/explorer/');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await first.text();
    for (const path of [
      '/explorer/country/Q291bnRyeTprYXpha2hzdGFu',
      '/explorer/timeline',
      '/explorer/network',
    ]) {
      const view = await page(path);
      expect({ path, status: view.status, same: (await view.text()) === html }).toEqual({
        path,
        status: 200,
        same: true,
      });
    }
    // no inline script, and nothing from any other host
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const assets = references.filter((ref) => ref.startsWith('/explorer/assets/'));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const ref of references) expect(ref).toMatch(/^(\/explorer\/|\/graphql$|#|data:)/);
    for (const ref of assets) {
      const asset = await fetch(`${api.origin}${ref}`);
      expect({ ref, status: asset.status, cache: asset.headers.get('cache-control') }).toEqual({
        ref,
        status: 200,
        cache: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('redirects /explorer to /explorer/ and answers a missing asset with 404, not the page', async () => {
    const bare = await page('/explorer');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/explorer/');
    const missing = await page('/explorer/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<!doctype html>');
  });
});
