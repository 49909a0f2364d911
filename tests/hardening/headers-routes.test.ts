/**
 * Hardening: security headers on every answer, a Content-Security-Policy that lets the playground's own
 * inline script run (by its hash) and nothing else, and GraphQL served on its exact path only: any other
 * path gets a short JSON 404, never Express's HTML page and never a query run.
 */
import { createHash } from 'node:crypto';
import { outcome, postGraphQL, send, type RawReply } from '../support/raw-http';
import { useTestService } from '../support/service';

const api = useTestService();

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(reply: RawReply): void {
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  expect(reply.headers.get('x-frame-options')).toBe('DENY');
  expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  const csp = directives(reply.headers.get('content-security-policy'));
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(reply.headers.get('x-powered-by')).toBeNull();
}

describe('Hardening: security headers', () => {
  it('sends them with GraphQL answers, health checks and errors', async () => {
    expectSecurityHeaders(await postGraphQL(api.url, { query: '{ __typename }' }));
    expectSecurityHeaders(await postGraphQL(api.url, { query: '{' }));
    expectSecurityHeaders(await send(`${api.origin}/healthz`));
    expectSecurityHeaders(await send(`${api.origin}/nowhere`));
  });

  it('lets the playground run its inline scripts by hash, and no other inline script', async () => {
    const page = await send(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const csp = directives(page.headers.get('content-security-policy'));
    const inline = [...page.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(csp.get('script-src')).toEqual(["'self'", ...hashes]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    // GraphiQL adds a style element at run time; a style cannot run code
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // every script the page loads is served from this origin, under the same policy
    for (const src of [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!)) {
      const asset = await send(`${api.origin}${src}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('Hardening: GraphQL on its exact path only', () => {
  it.each([
    '/graphql/x',
    '/graphql/playground/x',
    '/GRAPHQL',
    '/Graphql',
    '/graphql/',
    '/graphql/playground',
  ])('does not run a query POSTed to %s: a short JSON 404', async (path) => {
    const reply = await postGraphQL(`${api.origin}${path}`, { query: '{ __typename }' });
    expect(outcome(reply)).toEqual({ status: 404, codes: ['NOT_FOUND'] });
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body.data).toBeUndefined();
    expect(reply.text).not.toContain('Query');
    expect(reply.bytes).toBeLessThan(400);
    expect(reply.body.errors![0]!.message).toMatch(/GraphQL is served at \/graphql/);
  });

  it.each([
    { label: 'GET /nowhere', method: 'GET', path: '/nowhere' },
    { label: 'GET /GRAPHQL?query=...', method: 'GET', path: '/GRAPHQL?query={__typename}' },
    { label: 'DELETE /index.html', method: 'DELETE', path: '/index.html' },
    { label: 'GET a path of 5000 characters', method: 'GET', path: `/${'a'.repeat(5000)}` },
  ])('answers $label with a short JSON 404, not an HTML page', async ({ method, path }) => {
    const reply = await send(`${api.origin}${path}`, { method, headers: { accept: 'text/html' } });
    expect(outcome(reply)).toEqual({ status: 404, codes: ['NOT_FOUND'] });
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.text).not.toMatch(/<html|<pre/i);
    expect(reply.bytes).toBeLessThan(400);
    expect(reply.body.errors![0]!.extensions!.requestId).toBe(reply.headers.get('x-request-id'));
  });

  it('still serves the endpoint, the playground assets and the health checks', async () => {
    expect(outcome(await postGraphQL(api.url, { query: '{ __typename }' }))).toEqual({
      status: 200,
      codes: [],
    });
    expect((await send(`${api.origin}/graphql/playground/graphiql.css`)).status).toBe(200);
    expect((await send(`${api.origin}/healthz`)).status).toBe(200);
  });
});
