/**
 * The linked-data export over HTTP:
 *   GET /export/context.jsonld       the published JSON-LD context
 *   GET /export/graph.jsonld         the whole graph (entities, claims, citations, documents), streamed
 *   GET /export/graph.nq             the same graph as N-Quads, streamed
 *   GET /export/node/{id}.jsonld     one entity (by its GraphQL global id) with its claims; also `.nq`;
 *                                    the node's IRI, /export/node/{id}, redirects (303) to its JSON-LD
 * Graph exports are written batch by batch from one database snapshot, waiting for the client to take each
 * batch, so memory stays flat whatever the graph's size. Answers carry the API's cache policy: an ETag from
 * the data version (a matching If-None-Match gets 304) and Cache-Control with CACHE_MAX_AGE.
 */
import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { Writer, type Quad } from 'n3';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { databaseProblem, httpErrorBody, INTERNAL_MESSAGE, UNAVAILABLE_MESSAGE } from '../http/errors';
import { fromGlobalId } from '../provenance/ids';
import { GraphSnapshot, type EntityBatch } from './graph-reader';
import { JsonLdWriter } from './json-ld';
import { QuadBuilder } from './quads';
import { CONTEXT_PATH, NODE_PATH, jsonLdContext } from './vocabulary';

export const EXPORT_PREFIX = '/export/';
const JSON_LD = 'application/ld+json';
const N_QUADS = 'application/n-quads';

/** Paths that read the database, and so go through admission control like /graphql. */
export const isExportQuery = (pathname: string) =>
  pathname.startsWith(EXPORT_PREFIX) && pathname !== CONTEXT_PATH;

type Format = 'jsonld' | 'nq';

export function exportRoutes(options: { config: Config; database: Database; logger: Logger }): Router {
  const { config, database, logger } = options;
  const router = express.Router({ caseSensitive: true, strict: true });
  const maxAge = config.cache.maxAgeSeconds;
  const cacheControl = maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';

  router.get(CONTEXT_PATH, (req, res) => {
    const body = JSON.stringify(jsonLdContext(originOf(req)), null, 2);
    const etag = `"context-${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    res.set({ 'cache-control': cacheControl, etag });
    if (req.headers['if-none-match'] === etag) return void res.status(304).end();
    res.type(JSON_LD).send(body);
  });

  const graph = (format: Format) => async (req: Request, res: Response) => {
    await withSnapshot(req, res, async (snapshot) => {
      if (notModified(req, res, snapshot.version, format)) return;
      if (headOnly(req, res, format)) return;
      const origin = originOf(req);
      const output = new Output(res, format, origin);
      output.begin();
      let after = '';
      for (;;) {
        const batch = await snapshot.entitiesAfter(after, config.exportBatchSize);
        if (batch.entities.length === 0) break;
        await output.write(entityQuads(output.builder, batch));
        if (batch.entities.length < config.exportBatchSize) break;
        after = batch.entities[batch.entities.length - 1]!.id;
      }
      after = '';
      for (;;) {
        const documents = await snapshot.documentsAfter(after, config.exportBatchSize);
        if (documents.length === 0) break;
        await output.write(documents.flatMap((d) => output.builder.document(d)));
        if (documents.length < config.exportBatchSize) break;
        after = documents[documents.length - 1]!.id;
      }
      output.end();
    });
  };
  router.get('/export/graph.jsonld', graph('jsonld'));
  router.get('/export/graph.nq', graph('nq'));

  router.get(`${NODE_PATH}:file`, async (req, res) => {
    const file = String(req.params.file);
    // a node's IRI (no extension) dereferences to its JSON-LD
    if (fromGlobalId(file)) return void res.redirect(303, `${NODE_PATH}${file}.jsonld`);
    const match = /^(.+)\.(jsonld|nq)$/.exec(file);
    const node = match ? fromGlobalId(match[1]!) : undefined;
    if (!match || !node) {
      res
        .status(400)
        .json(
          httpErrorBody(
            `Not a node export: ${JSON.stringify(file.slice(0, 80))}; ask for ${NODE_PATH}{id}.jsonld or .nq with a global id from the API.`,
            String(req.id),
          ),
        );
      return;
    }
    const format = match[2] as Format;
    await withSnapshot(req, res, async (snapshot) => {
      const batch = node.type === 'Document' ? undefined : await snapshot.entity(node.slug, node.type);
      const documents = node.type === 'Document' ? await snapshot.documents([node.slug]) : [];
      if (!batch && documents.length === 0) {
        res
          .status(404)
          .json(
            httpErrorBody(
              `No ${node.type} has the id ${JSON.stringify(match[1])}.`,
              String(req.id),
              'NOT_FOUND',
            ),
          );
        return;
      }
      if (notModified(req, res, snapshot.version, format)) return;
      if (headOnly(req, res, format)) return;
      const output = new Output(res, format, originOf(req));
      output.begin();
      if (batch) {
        await output.write(entityQuads(output.builder, batch));
        // the documents its citations quote, so the node's export is whole
        documents.push(
          ...(await snapshot.documents([...new Set(batch.citations.map((c) => c.document_id))])),
        );
      }
      await output.write(documents.flatMap((d) => output.builder.document(d)));
      output.end();
    });
  });

  /** Opens a snapshot for the request, closes it whatever happens, and answers errors as the API does. */
  async function withSnapshot(
    req: Request,
    res: Response,
    work: (snapshot: GraphSnapshot) => Promise<void>,
  ): Promise<void> {
    let snapshot: GraphSnapshot | undefined;
    try {
      snapshot = await GraphSnapshot.open(database);
      await work(snapshot);
    } catch (error) {
      if (error instanceof ClientGone) return;
      const problem = databaseProblem(error);
      if (problem) logger.warn({ err: error, requestId: req.id, problem }, 'export stopped by the database');
      else logger.error({ err: error, requestId: req.id }, 'export failed');
      if (!res.headersSent) {
        res
          .status(problem ? 503 : 500)
          .set('cache-control', 'no-store')
          .json(
            httpErrorBody(
              problem ? UNAVAILABLE_MESSAGE : INTERNAL_MESSAGE,
              String(req.id),
              problem ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
            ),
          );
      } else {
        // a stream cut short must not look complete: end the connection without the last chunk
        res.destroy();
      }
    } finally {
      await snapshot?.close().catch(() => undefined);
    }
  }

  /** Sets the cache headers; true (and 304 sent) when the client holds this very answer. */
  function notModified(req: Request, res: Response, version: string, format: Format): boolean {
    const key = createHash('sha256')
      .update(`${originOf(req)}\u0000${req.path}\u0000${format}`)
      .digest('hex');
    const etag = `"${version}-${key.slice(0, 16)}"`;
    res.set({ etag, 'cache-control': cacheControl });
    if (req.headers['if-none-match'] !== etag) return false;
    res.status(304).end();
    return true;
  }

  return router;
}

/** HEAD: the headers a GET would get, without reading the graph for a body nobody receives. */
function headOnly(req: Request, res: Response, format: Format): boolean {
  if (req.method !== 'HEAD') return false;
  res
    .status(200)
    .type(format === 'jsonld' ? JSON_LD : N_QUADS)
    .end();
  return true;
}

/** The quads of a batch of entities, each with its own claims and their citations. */
function entityQuads(builder: QuadBuilder, batch: EntityBatch): Quad[] {
  const claimsOf = groupBy(batch.claims, (c) => c.subject_id);
  const citationsOf = groupBy(batch.citations, (c) => c.claim_id);
  return batch.entities.flatMap((e) =>
    builder.entity(e, claimsOf.get(e.id) ?? [], (id) => citationsOf.get(id) ?? []),
  );
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** IRIs are made from the origin the client asked, so the graph's node IRIs dereference where it is served. */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

class ClientGone extends Error {}

/** Writes one export, batch by batch, waiting for the client to take each batch before the next is read. */
class Output {
  readonly builder: QuadBuilder;
  private readonly jsonLd: JsonLdWriter;
  private readonly nQuads = new Writer({ format: 'N-Quads' });
  private first = true;

  constructor(
    private readonly res: Response,
    private readonly format: Format,
    private readonly origin: string,
  ) {
    this.builder = new QuadBuilder(origin);
    this.jsonLd = new JsonLdWriter(origin);
  }

  begin(): void {
    this.res.status(200).type(this.format === 'jsonld' ? JSON_LD : N_QUADS);
    if (this.format === 'jsonld')
      this.res.write(`{"@context":${JSON.stringify(`${this.origin}${CONTEXT_PATH}`)},"@graph":[\n`);
  }

  async write(quads: Quad[]): Promise<void> {
    if (quads.length === 0) return;
    let chunk: string;
    if (this.format === 'nq') chunk = this.nQuads.quadsToString(quads);
    else {
      chunk = this.jsonLd
        .nodes(quads)
        .map((n) => JSON.stringify(n))
        .join(',\n');
      if (!this.first) chunk = `,\n${chunk}`;
    }
    this.first = false;
    if (this.res.destroyed) throw new ClientGone();
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (gone: boolean) => {
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
        if (gone) reject(new ClientGone());
        else resolve();
      };
      const onDrain = () => done(false);
      const onClose = () => done(true);
      this.res.on('drain', onDrain);
      this.res.on('close', onClose);
    });
  }

  end(): void {
    this.res.end(this.format === 'jsonld' ? '\n]}\n' : '');
  }
}
