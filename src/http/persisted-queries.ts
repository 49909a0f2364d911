/**
 * Automatic persisted queries (Apollo's APQ, protocol version 1): a request that sends one wrong is the
 * client's mistake, answered with 400 and a code that names it, before GraphQL runs. Apollo Server itself
 * answers these as errors without a code (shown as INTERNAL_SERVER_ERROR); the codes are those Apollo's
 * clients and router use.
 */
import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import { httpErrorBody } from './errors';

/** A value as an error message may quote it: short. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

/** Checks `extensions.persistedQuery` of a POST body or a GET request's parameters. */
export const persistedQueryGuard: RequestHandler = (req, res, next) => {
  const params: unknown = req.method === 'POST' ? req.body : req.query;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return next();
  const { query } = params as { query?: unknown };
  let { extensions } = params as { extensions?: unknown };
  if (typeof extensions === 'string' && req.method !== 'POST') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return next(); // not JSON: Apollo answers that itself
    }
  }
  const persisted =
    extensions && typeof extensions === 'object'
      ? (extensions as { persistedQuery?: unknown }).persistedQuery
      : undefined;
  if (persisted === undefined || persisted === null) return next();
  const refuse = (message: string, code: string) =>
    res.status(400).json(httpErrorBody(message, String(req.id), code));
  if (typeof persisted !== 'object' || Array.isArray(persisted))
    return refuse(
      `extensions.persistedQuery must be an object { version: 1, sha256Hash }, not ${describe(persisted)}.`,
      'BAD_REQUEST',
    );
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1)
    return refuse(
      `Persisted query version ${describe(version)} is not supported: this service supports version 1.`,
      'PERSISTED_QUERY_NOT_SUPPORTED',
    );
  if (typeof sha256Hash !== 'string')
    return refuse(
      'extensions.persistedQuery.sha256Hash must be the SHA-256 of the query, in lower-case hex.',
      'BAD_REQUEST',
    );
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== sha256Hash)
    return refuse(
      'extensions.persistedQuery.sha256Hash does not match the query: send the SHA-256 of the query text, in lower-case hex.',
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
  next();
};
