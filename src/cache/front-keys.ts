/**
 * The keys of requests the front listener (./response-cache.ts) looks up, remembered by the raw request.
 *
 * A key is a function of the raw request alone (the URL or body as sent, and the headers the answer depends
 * on), so the key of a request seen before is taken from a map by its raw text instead of being computed
 * again: a repeated POST skips parsing its JSON body, writing it out again in canonical form and hashing
 * it; a repeated GET skips the hash. A request not remembered gets its key computed exactly as before, and
 * the same key either way, so the map changes no answer, only what a hit costs. It is bounded in entries
 * and characters; a request beyond its bounds only pays for its key again.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { FEDERATION_SECRET_HEADER } from '../http/federation';
import { keyOfGet, keyOfPost, passesCsrfCheck, type RequestKey } from './request-key';

/** Raw requests whose keys are remembered: enough for the requests that repeat. */
const MAX_ENTRIES = 4096;
/** Characters of raw requests remembered (a body the front reads is at most 16 kB). */
const MAX_CHARS = 1024 * 1024;

const FRONT_POST_PARAMETERS = new Set(['query', 'variables', 'operationName', 'extensions']);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The key of a POST body read by the front listener, only for bodies whose every part the key covers:
 * a persisted-query extension sent with its query text, or in another shape than a plain hash, goes to
 * express, whose checks (src/http/persisted-queries.ts) must see it.
 */
export function keyOfFrontPost(body: Buffer, headers: IncomingHttpHeaders): RequestKey | undefined {
  let params: unknown;
  try {
    params = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  for (const name of Object.keys(params)) if (!FRONT_POST_PARAMETERS.has(name)) return undefined;
  const { query, extensions } = params as { query?: unknown; extensions?: unknown };
  if (extensions !== undefined) {
    const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } })
      ?.persistedQuery;
    if (
      query !== undefined ||
      typeof extensions !== 'object' ||
      extensions === null ||
      Object.keys(extensions).length !== 1 ||
      typeof persisted !== 'object' ||
      persisted === null ||
      Object.keys(persisted).length !== 2 ||
      persisted.version !== 1 ||
      typeof persisted.sha256Hash !== 'string' ||
      !SHA256_HEX.test(persisted.sha256Hash)
    )
      return undefined;
  }
  return keyOfPost(params, headers);
}

/**
 * The raw text a key is remembered by: the method, the headers the key reads, then the URL or body. Header
 * values cannot hold a NUL, so the text splits back into its parts one way only.
 */
const rawOf = (method: 'G' | 'P', headers: IncomingHttpHeaders, rest: string): string =>
  `${method}\u0000${headers.accept ?? ''}\u0000${headers.origin ?? ''}\u0000${headers[FEDERATION_SECRET_HEADER] ?? ''}\u0000${rest}`;

export class FrontKeys {
  // `false`: a request the front leaves to express (remembered too, so it is not parsed again either)
  private readonly keys = new LRUCache<string, RequestKey | false>({
    max: MAX_ENTRIES,
    maxSize: MAX_CHARS,
    sizeCalculation: (_value, raw) => raw.length,
  });

  private remembered(raw: string, compute: () => RequestKey | undefined): RequestKey | undefined {
    const known = this.keys.get(raw);
    if (known !== undefined) return known || undefined;
    const key = compute();
    this.keys.set(raw, key ?? false);
    return key;
  }

  /** The key of a GET by its raw URL (path and query string, as sent). */
  ofGet(url: string, headers: IncomingHttpHeaders): RequestKey | undefined {
    // the CSRF rule reads other headers than the key: checked on every request, never remembered
    if (!passesCsrfCheck(headers)) return undefined;
    return this.remembered(rawOf('G', headers, url), () => keyOfGet(url, headers));
  }

  /**
   * The key of a POST by its raw body. Only for a body the front has checked to be JSON: a JSON media type
   * always passes the CSRF rule (`keyOfPost` checks it again when a key is computed).
   */
  ofPost(body: Buffer, headers: IncomingHttpHeaders): RequestKey | undefined {
    // latin1 maps each byte to one character: the fastest decoding that keeps distinct bodies distinct
    return this.remembered(rawOf('P', headers, body.toString('latin1')), () => keyOfFrontPost(body, headers));
  }

  /** Raw requests remembered, and their characters. */
  size(): { entries: number; chars: number } {
    return { entries: this.keys.size, chars: this.keys.calculatedSize };
  }
}
