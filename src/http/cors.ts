/**
 * Cross-origin access for front ends served from other origins (CORS_ORIGINS). The data is public and
 * read-only, so credentials are never allowed; a preflight is answered with the request headers that the
 * CSRF prevention asks browsers to send (a JSON content type, `apollo-require-preflight`,
 * `x-apollo-operation-name`) and a max age, so a browser asks once per endpoint, not once per query.
 */
import type { RequestHandler } from 'express';
import type { CorsOrigins } from '../config';
import { httpErrorBody } from './errors';

/** Request headers a browser page may send. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'accept',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
];
/** Response headers a browser page may read. */
export const CORS_EXPOSED_HEADERS = ['x-request-id'];
export const CORS_ALLOWED_METHODS = ['GET', 'POST'];
/** Seconds a browser may reuse a preflight's answer (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 7200;

export function corsMiddleware(origins: CorsOrigins): RequestHandler {
  const any = origins === '*';
  const allowed = new Set(any ? [] : origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!any) res.vary('Origin');
    if (origin === undefined) return next();
    if (!any && !allowed.has(origin)) {
      if (!preflight) return next(); // same-origin tools and non-browser clients are not affected
      res
        .status(403)
        .json(
          httpErrorBody(
            `Cross-origin requests from ${JSON.stringify(origin)} are not allowed: add the origin to CORS_ORIGINS.`,
            String(req.id),
          ),
        );
      return;
    }
    res.set('access-control-allow-origin', any ? '*' : origin);
    res.set('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
    if (!preflight) return next();
    res.set('access-control-allow-methods', CORS_ALLOWED_METHODS.join(', '));
    res.set('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
    res.set('access-control-max-age', String(CORS_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}
