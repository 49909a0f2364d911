/**
 * CORS for front ends on other origins, checked with a real browser: a page served by a second small
 * HTTP server (another port, so another origin) calls the service with fetch, sending the headers the
 * CSRF prevention asks for. Chromium comes from the system (CHROMIUM_PATH, or /usr/bin/chromium).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { CORS_MAX_AGE_SECONDS } from '../../src/http/cors';
import { startTestService, type TestService } from '../support/service';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && fs.existsSync(p)),
);

/** A tiny server for the page of a front end: its own origin. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>front end</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let allowedPage: Awaited<ReturnType<typeof pageServer>>;
let otherPage: Awaited<ReturnType<typeof pageServer>>;
let api: TestService;

beforeAll(async () => {
  allowedPage = await pageServer();
  otherPage = await pageServer();
  api = await startTestService({ corsOrigins: [allowedPage.origin] });
});
afterAll(async () => {
  await api?.stop();
  await allowedPage?.close();
  await otherPage?.close();
});

const preflight = (origin: string, headers = 'content-type,x-apollo-operation-name') =>
  fetch(api.url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers,
    },
  });

describe('CORS: preflights and headers', () => {
  it('answers a preflight from an allowed origin with the CSRF headers, the methods and a max age', async () => {
    const res = await preflight(allowedPage.origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowedPage.origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    const allowed = res.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowed).toEqual(
      expect.arrayContaining(['content-type', 'apollo-require-preflight', 'x-apollo-operation-name']),
    );
    expect(res.headers.get('access-control-max-age')).toBe(String(CORS_MAX_AGE_SECONDS));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('refuses a preflight from another origin with 403, naming the origin and the setting', async () => {
    const res = await preflight(otherPage.origin);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toContain(JSON.stringify(otherPage.origin));
    expect(body.errors[0]!.message).toContain('CORS_ORIGINS');
  });

  it('adds the allow-origin header to the answer itself, and exposes the request id', async () => {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { origin: allowedPage.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowedPage.origin);
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id');
  });

  it('with CORS_ORIGINS=*, allows any origin without credentials', async () => {
    const open = await startTestService({ corsOrigins: '*' });
    try {
      const res = await fetch(open.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'POST' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    } finally {
      await open.stop();
    }
  });
});

const describeWithBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM)
  process.stderr.write(
    'CORS browser test skipped: no Chromium found (install chromium, or set CHROMIUM_PATH)\n',
  );

describeWithBrowser('CORS: a page on another origin calls the service from a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    // (playwright gives the browser a fresh profile of its own and removes it on close)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page of `origin` and runs a POST and a GET against the service from it. */
  async function callFrom(origin: string) {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(async (url) => {
        const attempt = async (run: () => Promise<Response>) => {
          try {
            const res = await run();
            return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') };
          } catch (error) {
            return { failed: String(error) };
          }
        };
        const post = await attempt(() =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-apollo-operation-name': 'CountryName' },
            body: JSON.stringify({ query: 'query CountryName { country(name: "Kazakhstan") { name } }' }),
          }),
        );
        const get = await attempt(() =>
          fetch(`${url}?query=${encodeURIComponent('{ country(name: "Türkiye") { iso2 } }')}`, {
            headers: { 'apollo-require-preflight': 'true' },
          }),
        );
        return { post, get };
      }, api.url);
    } finally {
      await page.close();
    }
  }

  it('lets an allowed origin POST and GET with the CSRF headers, and read the answer and its request id', async () => {
    const { post, get } = await callFrom(allowedPage.origin);
    expect(post).toEqual({
      status: 200,
      body: expect.objectContaining({ data: { country: { name: 'Kazakhstan' } } }),
      requestId: expect.stringMatching(/.+/),
    });
    expect(get).toEqual({
      status: 200,
      body: expect.objectContaining({ data: { country: { iso2: 'TR' } } }),
      requestId: expect.stringMatching(/.+/),
    });
  });

  it('blocks a page from an origin that is not listed', async () => {
    const { post, get } = await callFrom(otherPage.origin);
    expect(post).toEqual({ failed: expect.stringMatching(/Failed to fetch/) });
    expect(get).toEqual({ failed: expect.stringMatching(/Failed to fetch/) });
  });
});
