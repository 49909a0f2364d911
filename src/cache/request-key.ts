/**
 * The key of a request's answer, computed from the raw request so a hit needs no GraphQL work: the query
 * text or persisted-query hash, the variables, the operation name, and the headers the answer depends on
 * (Accept picks the media type; Origin what cross-origin headers say; the federation secret whether the
 * federation fields may be answered). The data version is added by the
 * caller. A request Apollo would refuse as a possible CSRF has no key: it never reaches the cache.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { FEDERATION_SECRET_HEADER } from '../http/federation';

export interface RequestKey {
  /** A short, fixed-length digest of everything the answer depends on (base64url of SHA-256). */
  digest: string;
}

// Apollo's CSRF rule (csrfPrevention): these content types need one of the preflight headers
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/** Whether Apollo's CSRF prevention lets the request through. */
export function passesCsrfCheck(headers: IncomingHttpHeaders): boolean {
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = contentType.split(';')[0]!.trim().toLowerCase();
    if (!SIMPLE_CONTENT_TYPES.includes(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((h) => {
    const v = headers[h];
    return typeof v === 'string' && v.length > 0;
  });
}

// one call instead of a Hash object per request where Node has it (20.12+, 21.7+)
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64url')
    : (text) => crypto.createHash('sha256').update(text).digest('base64url');

function digestOf(parts: string): RequestKey {
  return { digest: sha256(parts) };
}

// The federation secret decides whether `_service`/`_entities` may be answered at all: a caller without it
// must never share a key with the gateway (the digest keeps the secret itself out of any store).
const headerPart = (headers: IncomingHttpHeaders) =>
  `${headers.accept ?? ''}\u0000${headers.origin ?? ''}\u0000${headers[FEDERATION_SECRET_HEADER] ?? ''}`;

/** The key of a GET: its raw path and query string, as sent. */
export function keyOfGet(url: string, headers: IncomingHttpHeaders): RequestKey | undefined {
  if (!passesCsrfCheck(headers)) return undefined;
  return digestOf(`GET\u0000${url}\u0000${headerPart(headers)}`);
}

/** The key of a POST: its parsed JSON body's GraphQL parameters. */
export function keyOfPost(body: unknown, headers: IncomingHttpHeaders): RequestKey | undefined {
  if (!passesCsrfCheck(headers) || typeof body !== 'object' || body === null || Array.isArray(body))
    return undefined;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
    ?.sha256Hash;
  // the query text when given (Apollo checks a hash sent with it), else the persisted query's hash
  const operation =
    typeof query === 'string' ? `q:${query}` : typeof hash === 'string' ? `h:${hash}` : undefined;
  if (operation === undefined) return undefined;
  return digestOf(
    `POST\u0000${JSON.stringify([operation, operationName ?? null, variables ?? null])}\u0000${headerPart(headers)}`,
  );
}
