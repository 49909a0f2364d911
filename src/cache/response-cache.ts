/**
 * The response cache: answers to public queries, kept under a key made of the raw request and the data
 * version, and served again without parsing, validating or executing anything.
 *
 * Where the check sits, earliest first:
 * - `front`: a GET or POST whose answer this process holds is served by the HTTP server's own request
 *   listener, before express, its logger middleware and body parsing (the key is made from the raw URL or
 *   body, and remembered by it: ./front-keys.ts). Headers the first answer got from middleware (security,
 *   cross-origin) are stored with it and sent again.
 * - `middleware`: after the body is parsed, for entries only Redis holds and for requests the front leaves
 *   to express (a POST body it does not read). A miss is marked `x-cache: miss` and Apollo runs; when the
 *   version cannot be read in time (the database slow or down) the request runs as if there were no cache.
 * - `plugin`: decides what is stored: a query's answer without errors whose cache policy is public with a
 *   positive max age. Introspection and `_service` are marked uncacheable (`no-store`), as are errors.
 *
 * A hit carries `x-cache: hit`; its ETag is the data version and the key, so a matching If-None-Match gets
 * 304 with no body, from any replica.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import { visit, type DocumentNode } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { logRequest } from '../http/request-outcome';
import { FrontKeys } from './front-keys';
import { keyOfGet, keyOfPost, type RequestKey } from './request-key';
import type { CachedResponse, ResponseStore } from './response-store';

/**
 * Where a request's data version comes from: the database (./data-version.ts), or the read replica the
 * request is pinned to (src/db/read-router.ts). Undefined: not known in time; answer without the cache.
 */
export interface VersionSource {
  current(req?: IncomingMessage): string | undefined;
  readWithin(waitMs: number, req?: IncomingMessage): Promise<string | undefined>;
}

/** What the cache reports to whoever counts (a metrics registry, a benchmark). */
export type CacheEvent = 'hit' | 'miss' | 'stored';

export interface ResponseCacheOptions {
  store: ResponseStore;
  version: VersionSource;
  logger: Logger;
  /** The GraphQL endpoint's path. */
  path: string;
  /** Add `extensions.stats` to hits as to every other answer. */
  queryStats: boolean;
  /** Accepts a request id given by the client (the same rule as the HTTP layer's). */
  requestIdPattern: RegExp;
  onEvent?: (event: CacheEvent) => void;
  /**
   * POST bodies up to this size are read by the front listener to look for a hit; larger ones, and any
   * the front cannot read as plainly as express would (chunked, compressed, another media type), go to
   * express unread.
   */
  maxFrontBodyBytes: number;
}

/** The part of a request's state the Apollo plugin reads: where to store, and the answer to store. */
export interface PendingEntry {
  /** The data version the entry is keyed by. */
  version: string;
  storeKey: string;
  etag: string;
  body?: Buffer;
}

export interface ResponseCacheContext {
  responseCache?: PendingEntry;
}

/** How long a request may wait for the data version before it is answered without the cache. */
const VERSION_WAIT_MS = 1000;
/** How long a starting process waits for the shared store before it serves without it. */
const STORE_CONNECT_WAIT_MS = 2000;

// headers that belong to one response only, never stored with an entry
const PER_RESPONSE_HEADERS = new Set([
  'x-request-id',
  'date',
  'content-length',
  'x-cache',
  'x-data-version',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
const isPerResponse = (name: string) => PER_RESPONSE_HEADERS.has(name) || /^(x-)?ratelimit/.test(name);

/** Whether the operation asks for the schema itself: answers that change with a deployment, not the data. */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type' || node.name.value === '_service') {
        found = true;
      }
    },
  });
  return found;
}

/** Whether an If-None-Match header names this ETag (weak or strong; `*` matches any). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * An entry's headers as the flat lists `writeHead` takes, built once per entry: the stored headers, then
 * the headers of one response (`x-cache`, `x-request-id`, `x-data-version`). Their values are written into
 * the list just before `writeHead`, which reads the list at once and keeps no reference to it, so one list
 * serves every hit of the entry, one after another.
 */
interface HeadList {
  ok: string[];
  /** For a 304: no body, so no media type and no length. */
  notModified: string[];
  /** Where the headers of one response start in `ok` and in `notModified`. */
  okOwn: number;
  notModifiedOwn: number;
}

const headLists = new WeakMap<CachedResponse, HeadList>();

// the headers of one response, values filled in by `withOwnHeaders`
const OWN_HEADERS = ['x-cache', 'hit', 'x-request-id', '', 'x-data-version', ''];

function headListOf(entry: CachedResponse): HeadList {
  let head = headLists.get(entry);
  if (!head) {
    const stored: string[] = [];
    const withoutContentType: string[] = [];
    for (const [name, value] of entry.headers) {
      stored.push(name, value);
      if (name !== 'content-type') withoutContentType.push(name, value);
    }
    head = {
      ok: [...stored, ...OWN_HEADERS, 'content-length', String(entry.body.length)],
      notModified: [...withoutContentType, ...OWN_HEADERS],
      okOwn: stored.length,
      notModifiedOwn: withoutContentType.length,
    };
    headLists.set(entry, head);
  }
  return head;
}

function withOwnHeaders(list: string[], own: number, id: string, version: string): string[] {
  list[own + 3] = id;
  list[own + 5] = version;
  return list;
}

/**
 * The length of a POST body the front listener may read: JSON in UTF-8 (what express accepts) with a
 * declared length within the bound, not compressed. Undefined: leave it to express.
 */
function frontBodyLength(req: IncomingMessage, max: number): number | undefined {
  const { headers } = req;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined)
    return undefined;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > max) return undefined;
  let type = headers['content-type'];
  // the usual spelling first: no need to normalise it
  if (type !== 'application/json') {
    type = type?.toLowerCase().replace(/\s+/g, '');
    if (type !== 'application/json' && type !== 'application/json;charset=utf-8') return undefined;
  }
  return length;
}

/**
 * Reads a body of `length` bytes. When it has all of them it offers the body to `answer`, synchronously;
 * unless that answered the request, it puts the body back before the request's end is signalled, so that
 * express reads the same bytes as if nobody had, and calls `pass` (also with the body undefined when the
 * request ended or failed first: express then sees what it would have seen).
 */
function peekBody(
  req: IncomingMessage,
  length: number,
  answer: (body: Buffer) => boolean,
  pass: (body: Buffer | undefined) => void,
): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (complete: boolean) => {
    if (finished) return;
    finished = true;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
    // answered: nobody reads the request again (the server discards whatever is left of it)
    if (complete && answer(body)) return;
    req.off('readable', onReadable);
    req.off('close', onClose);
    // synchronously after the last read: the stream's end is only signalled once its buffer is empty
    if (received > 0 && !req.readableEnded) req.unshift(body);
    pass(complete ? body : undefined);
  };
  const onReadable = () => {
    let chunk: Buffer | null;
    let read = 0;
    while ((chunk = req.read() as Buffer | null) !== null) {
      chunks.push(chunk);
      received += chunk.length;
      read += chunk.length;
    }
    if (received >= length) finish(received === length);
    // 'readable' with nothing to read: the body ended short of its declared length
    else if (read === 0) finish(false);
  };
  const onClose = () => finish(false);
  req.on('readable', onReadable);
  // 'on', not 'once' (no wrapper per request): `finish` runs once anyway
  req.on('close', onClose);
}

export class ResponseCache {
  readonly counts = { hits: 0, misses: 0, stored: 0 };
  /** Requests the front listener waited for the data version for in vain: express does not wait again. */
  private readonly versionUnknown = new WeakSet<IncomingMessage>();

  constructor(private readonly options: ResponseCacheOptions) {}

  private event(event: CacheEvent): void {
    if (event === 'hit') this.counts.hits += 1;
    else if (event === 'miss') this.counts.misses += 1;
    else this.counts.stored += 1;
    this.options.onEvent?.(event);
  }

  /** Entries and bytes held in this process. */
  size(): { entries: number; bytes: number } {
    return this.options.store.size();
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  /**
   * Before the first request: reads the data version once, so that it does not wait for a new connection,
   * and waits (briefly) for the shared store, so that the first answers reach it.
   */
  async prime(): Promise<void> {
    await Promise.all([
      this.options.version.readWithin(VERSION_WAIT_MS * 5),
      this.options.store.connected?.(STORE_CONNECT_WAIT_MS),
    ]);
  }

  private static storeKey(version: string, key: RequestKey): string {
    return `${version}:${key.digest}`;
  }

  private static etag(version: string, key: RequestKey): string {
    return `"${version}-${key.digest}"`;
  }

  /** Sends a stored answer (or 304 when the client holds it already). */
  private serve(
    req: IncomingMessage,
    res: ServerResponse,
    entry: CachedResponse,
    etag: string,
    started: bigint,
  ): void {
    this.event('hit');
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader('x-cache', 'hit');
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.removeHeader('content-type');
      res.end();
      return;
    }
    res.statusCode = entry.status;
    let body = entry.body;
    if (this.options.queryStats) {
      // development only: the stored answer has no statistics of its own
      const result = JSON.parse(body.toString('utf8')) as { extensions?: Record<string, unknown> };
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      result.extensions = { ...result.extensions, stats: { sqlStatements: 0, durationMs } };
      body = Buffer.from(`${JSON.stringify(result)}\n`);
    }
    res.setHeader('content-length', body.length);
    res.end(body);
  }

  /**
   * The HTTP server's request listener: serves a GET or POST whose answer this process holds, without
   * express; hands everything else to `app`, a POST with its body still unread.
   */
  front(app: RequestListener): RequestListener {
    const { path, store, version: reader, requestIdPattern, maxFrontBodyBytes } = this.options;
    const prefix = `${path}?`;
    const keys = new FrontKeys();
    // the access log's line for a hit, from a logger made once (not a child per request)
    const hitLog = this.options.logger.child({ cache: 'hit' });
    const hit = (req: IncomingMessage, res: ServerResponse, version: string, key: RequestKey): boolean => {
      const entry = store.local(ResponseCache.storeKey(version, key));
      if (!entry) return false;
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
      if (this.options.queryStats) {
        res.setHeader('x-request-id', id);
        res.setHeader('x-data-version', version);
        this.serve(req, res, entry, ResponseCache.etag(version, key), process.hrtime.bigint());
      } else {
        this.serveFront(req, res, entry, ResponseCache.etag(version, key), id, version);
      }
      hitLog.info(
        { req: logRequest({ id, method: req.method!, url: req.url! }), res: { statusCode: res.statusCode } },
        'request completed',
      );
      return true;
    };
    // When the last read of the data version is too old: waits for the next (shared) read rather than
    // sending the request through express, then serves the hit or passes the request on.
    const afterRead = (req: IncomingMessage, res: ServerResponse, keyOf: () => RequestKey | undefined) => {
      reader.readWithin(VERSION_WAIT_MS, req).then(
        (read) => {
          // not known in time: express answers it without the cache, and without waiting again
          if (read === undefined) this.versionUnknown.add(req);
          const key = read === undefined ? undefined : keyOf();
          if (!key || !hit(req, res, read!, key)) app(req, res);
        },
        () => app(req, res),
      );
    };
    return (req, res) => {
      if (req.method === 'GET') {
        if (!req.url?.startsWith(prefix) || req.headers.accept?.includes('text/html')) return app(req, res);
        const url = req.url;
        const version = reader.current(req);
        if (version === undefined) return afterRead(req, res, () => keys.ofGet(url, req.headers));
        const key = keys.ofGet(url, req.headers);
        if (!key || !hit(req, res, version, key)) app(req, res);
        return;
      }
      if (req.method !== 'POST' || req.url !== path) return app(req, res);
      const length = frontBodyLength(req, maxFrontBodyBytes);
      if (length === undefined) return app(req, res);
      // the hit was looked for as the body came (the version was known then): a miss goes on at once
      let looked = false;
      peekBody(
        req,
        length,
        (body) => {
          const version = reader.current(req);
          if (version === undefined) return false;
          looked = true;
          const key = keys.ofPost(body, req.headers);
          return key !== undefined && hit(req, res, version, key);
        },
        (body) => {
          if (!body || looked) return app(req, res);
          afterRead(req, res, () => keys.ofPost(body, req.headers));
        },
      );
    };
  }

  /** Sends a stored answer from the front listener: its headers as one list, made once per entry. */
  private serveFront(
    req: IncomingMessage,
    res: ServerResponse,
    entry: CachedResponse,
    etag: string,
    id: string,
    version: string,
  ): void {
    this.event('hit');
    const head = headListOf(entry);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, withOwnHeaders(head.notModified, head.notModifiedOwn, id, version));
      res.end();
      return;
    }
    res.writeHead(entry.status, withOwnHeaders(head.ok, head.okOwn, id, version));
    res.end(entry.body);
  }

  /** Express middleware, after body parsing: serves hits, prepares misses to be stored. */
  middleware(): RequestHandler {
    const { store, version: reader, logger } = this.options;
    return async (req, res, next) => {
      const started = process.hrtime.bigint();
      res.vary('Accept');
      const key =
        req.method === 'GET'
          ? keyOfGet(req.originalUrl, req.headers)
          : req.method === 'POST'
            ? keyOfPost(req.body, req.headers)
            : undefined;
      if (!key) return next();
      try {
        // past the bound the version is read again, but a request never waits long for it
        const version = this.versionUnknown.has(req)
          ? undefined
          : (reader.current(req) ?? (await reader.readWithin(VERSION_WAIT_MS, req)));
        if (version === undefined) {
          // the database is slow or down: answer as if there were no cache, and keep nothing
          this.event('miss');
          res.setHeader('x-cache', 'miss');
          return next();
        }
        const entry = await store.get(ResponseCache.storeKey(version, key));
        if (entry) {
          res.setHeader('x-data-version', version);
          return this.serve(req, res, entry, ResponseCache.etag(version, key), started);
        }
        this.event('miss');
        res.setHeader('x-cache', 'miss');
        // keyed by a version read before the answer is computed: the answer is no older than its key
        const pending: PendingEntry = {
          version,
          storeKey: ResponseCache.storeKey(version, key),
          etag: ResponseCache.etag(version, key),
        };
        res.locals.responseCache = pending;
        this.captureOnSend(res, pending);
      } catch (error) {
        // the cache is an optimisation: without its store, answer as if there were none
        logger.warn({ err: error }, 'response cache unavailable for this request');
      }
      next();
    };
  }

  /** Stores the answer when Apollo sends it, with the headers every middleware gave it. */
  private captureOnSend(res: Response, pending: PendingEntry): void {
    const store = () => {
      if (!pending.body || res.statusCode !== 200 || res.hasHeader('set-cookie')) return;
      const headers: [string, string][] = [];
      for (const name of res.getHeaderNames()) {
        if (isPerResponse(name)) continue;
        const value = res.getHeader(name);
        if (value !== undefined)
          headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      }
      this.options.store.set(pending.storeKey, { status: 200, headers, body: pending.body });
      this.event('stored');
    };
    const send = res.send;
    res.send = function sendAndStore(this: Response, body) {
      res.send = send;
      store();
      return send.call(this, body);
    };
  }

  /**
   * The Apollo plugin: schema questions are uncacheable; a public answer without errors gets its ETag and
   * is handed to the middleware to store. Place it after the cache-control plugin, before any plugin that
   * adds per-request extensions (those are left out of the stored answer).
   */
  plugin(): ApolloServerPlugin<ResponseCacheContext> {
    return {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, overallCachePolicy }) {
            if (asksForSchema(document)) overallCachePolicy.restrict({ maxAge: 0 });
          },
          async willSendResponse({ response, contextValue, operation }) {
            const pending = contextValue.responseCache;
            if (!pending || response.body.kind !== 'single' || response.body.singleResult.errors) return;
            if (operation?.operation !== 'query') return;
            const policy = response.http.headers.get('cache-control');
            if (!policy || !/^max-age=[1-9]\d*, public$/.test(policy)) return;
            response.http.headers.set('etag', pending.etag);
            pending.body = Buffer.from(`${JSON.stringify(response.body.singleResult)}\n`);
          },
        };
      },
    };
  }
}
