/**
 * Liveness answered in front of everything else: a GET or HEAD of /healthz is answered by the HTTP
 * server's listener itself, before the response cache, admission, express, logging or body parsing run.
 * Its answer never changes, so its bytes and headers are built once; under a flood a probe then costs
 * the process about what a shed request costs, and the time it waits is only the time the event loop
 * takes to reach it. Probes are not logged: an orchestrator sends one every few seconds forever.
 */
import type { RequestHandler } from 'express';
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener } from 'node:http';

export const HEALTH_PATH = '/healthz';

/** The liveness answer's body: the process runs and its event loop turns. */
export const HEALTH_BODY = Buffer.from(JSON.stringify({ status: 'ok' }));

/**
 * The headers a header-only middleware (helmet) sets, read once by running it against a recorder, so that
 * /healthz carries exactly the security headers of every other answer without paying for them per probe.
 */
export function headersSetBy(middleware: RequestHandler): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const recorder = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = value;
      return recorder;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let called = false;
  middleware(
    { headers: {}, method: 'GET', url: HEALTH_PATH } as never,
    recorder as never,
    (error?: unknown) => {
      if (error) throw error;
      called = true;
    },
  );
  // a middleware that answered, or went asynchronous, did more than set headers: it cannot be precomputed
  if (!called) throw new Error('headersSetBy: the middleware did not call next() synchronously');
  return headers;
}

const isHealthProbe = (req: IncomingMessage): boolean => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  const end = url.indexOf('?');
  return (end === -1 ? url : url.slice(0, end)) === HEALTH_PATH;
};

/** Wraps the server's request listener: /healthz is answered here, everything else passes to `next`. */
export function healthFront(extraHeaders: OutgoingHttpHeaders) {
  const headers: OutgoingHttpHeaders = {
    ...extraHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': HEALTH_BODY.length,
    'cache-control': 'no-store',
  };
  return (next: RequestListener): RequestListener =>
    (req, res) => {
      if (!isHealthProbe(req)) return next(req, res);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : HEALTH_BODY);
    };
}
