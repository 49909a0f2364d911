/** Helpers of the cache tests: raw HTTP calls that keep the headers, and a service with the cache on. */
import { loadConfig, type CacheSettings } from '../../src/config';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, any>;
  };
}

async function read(res: Response): Promise<RawResponse> {
  const text = await res.text();
  let body: RawResponse['body'] = {};
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    // no JSON (a 304 has no body)
  }
  return { status: res.status, headers: res.headers, text, body };
}

export async function post(
  url: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return read(
    await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify(payload),
    }),
  );
}

/** A GET with the given parameters (objects as JSON), sending the header Apollo's CSRF check wants. */
export async function get(
  url: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = { 'apollo-require-preflight': 'true' },
): Promise<RawResponse> {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  );
  return read(
    await fetch(`${url}?${search}`, {
      headers: { accept: 'application/graphql-response+json', ...headers },
    }),
  );
}

/** The response cache on, with the defaults except what is given. */
export function cacheOn(overrides: Partial<CacheSettings> = {}): { cache: CacheSettings } {
  return { cache: { ...loadConfig({}).cache, enabled: true, ...overrides } };
}
