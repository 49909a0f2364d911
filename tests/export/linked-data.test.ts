/**
 * The linked-data export over HTTP: JSON-LD that the `jsonld` library expands and turns into N-Quads, the
 * same graph as the N-Quads export, a known Kazakhstan statement with its quote, one node, the cache
 * policy, errors, and batches that bound what the service holds at once.
 */
import http from 'node:http';
import net from 'node:net';
import jsonld from 'jsonld';
import { Parser, Store, DataFactory, type Quad } from 'n3';
import { setStatementListener } from '../../src/db/request-stats';
import { startTestService, useTestService, type TestService } from '../support/service';

const { namedNode, literal } = DataFactory;
const BATCH = 25;
const api = useTestService({ exportBatchSize: BATCH });

const gid = (type: string, slug: string) => Buffer.from(`${type}:${slug}`).toString('base64url');
const SCHEMA = 'https://schema.org/';
const PROV = 'http://www.w3.org/ns/prov#';
const OA = 'http://www.w3.org/ns/oa#';
const WIKIBASE = 'http://wikiba.se/ontology#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const QUOTE = 'The founding members of the OTS are Türkiye, Azerbaijan, Kazakhstan, and Kyrgyzstan';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/**
 * GET on a connection of its own: this process also runs the service, and its CPU-bound JSON-LD
 * processing can stall the server past its keep-alive timeout while a shared connection is reused.
 */
function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      })
      .on('error', reject);
  });
}

/** The published context, read once: every export refers to it by URL. */
let context: { url: string; document: object } | undefined;
beforeAll(async () => {
  const url = `${api.origin}/export/context.jsonld`;
  const res = await get(url);
  expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
  context = { url, document: res.json() as object };
});

/** Expands JSON-LD with the `jsonld` library, loading the published context, and turns it into N-Quads. */
async function toNQuads(document: object): Promise<string> {
  const documentLoader = async (url: string) => {
    if (url !== context?.url) throw new Error(`the export refers to an unknown context: ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: context.document as jsonld.JsonLdDocument };
  };
  const expanded = await jsonld.expand(document as jsonld.JsonLdDocument, {
    documentLoader: documentLoader as never,
  });
  return (await jsonld.toRDF(expanded, { format: 'application/n-quads' })) as unknown as string;
}

const storeOf = (nquads: string) => new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
const one = (store: Store, s: string | null, p: string, o?: Quad['object']) =>
  store.getQuads(s === null ? null : namedNode(s), namedNode(p), o ?? null, null);

describe('Export: the whole graph as JSON-LD and N-Quads', () => {
  let jsonLdStore: Store;
  let nQuadsStore: Store;
  let eg: string;
  const statements: { sql: string; params: readonly unknown[] }[] = [];

  beforeAll(async () => {
    // both answers are read before the (CPU-bound) expansion, which would otherwise stall this process's
    // server past its keep-alive timeout while the client reuses the connection
    let graph: object;
    setStatementListener((sql, params) => statements.push({ sql, params }));
    try {
      const res = await get(`${api.origin}/export/graph.jsonld`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      // streamed: no length known in advance
      expect(res.headers['transfer-encoding']).toBe('chunked');
      graph = res.json() as object;
    } finally {
      setStatementListener(undefined);
    }
    const nq = await get(`${api.origin}/export/graph.nq`);
    expect(nq.status).toBe(200);
    expect(nq.headers['content-type']).toMatch(/^application\/n-quads/);
    nQuadsStore = storeOf(nq.text);
    jsonLdStore = storeOf(await toNQuads(graph));
    eg = `${api.origin}/export/context.jsonld#`;
  });

  it('publishes its context', async () => {
    const res = await get(`${api.origin}/export/context.jsonld`);
    expect(res.status).toBe(200);
    const body = res.json() as { '@context': Record<string, string> };
    expect(body['@context']).toMatchObject({ schema: SCHEMA, prov: PROV, oa: OA, wikibase: WIKIBASE, eg });
  });

  it('states the same graph in both formats', () => {
    expect(jsonLdStore.size).toBeGreaterThan(10000);
    expect(nQuadsStore.size).toBe(jsonLdStore.size);
    const missing = jsonLdStore.getQuads(null, null, null, null).filter((q) => !nQuadsStore.has(q));
    expect(missing).toEqual([]);
  });

  it('round-trips a Kazakhstan claim with its quote, selectors, document, rank and derivation', () => {
    const kazakhstan = `${api.origin}/export/node/${gid('Country', 'kazakhstan')}`;
    const document = `${api.origin}/export/node/${gid('Document', 'cdpa-turkiye-and-the-ots-2025')}`;
    expect(one(jsonLdStore, kazakhstan, RDF_TYPE, namedNode(`${SCHEMA}Country`))).toHaveLength(1);
    expect(one(jsonLdStore, kazakhstan, `${SCHEMA}name`, literal('Kazakhstan'))).toHaveLength(1);
    const nameClaims = one(jsonLdStore, kazakhstan, `${eg}claim`)
      .map((q) => q.object.value)
      .filter((c) => one(jsonLdStore, c, `${eg}property`, namedNode(`${eg}name`)).length === 1);
    expect(nameClaims).toHaveLength(1);
    const claim = nameClaims[0]!;
    expect(one(jsonLdStore, claim, `${eg}value`, literal('Kazakhstan'))).toHaveLength(1);
    expect(one(jsonLdStore, claim, `${WIKIBASE}rank`)[0]!.object.value).toMatch(/#(Normal|Preferred)Rank$/);
    const citations = one(jsonLdStore, claim, `${PROV}wasDerivedFrom`).map((q) => q.object.value);
    const quoted = citations.filter((c) => {
      const target = one(jsonLdStore, c, `${OA}hasTarget`)[0]!.object.value;
      if (one(jsonLdStore, target, `${OA}hasSource`, namedNode(document)).length !== 1) return false;
      const selectors = one(jsonLdStore, target, `${OA}hasSelector`).map((q) => q.object.value);
      const quote = selectors.find(
        (s) => one(jsonLdStore, s, RDF_TYPE, namedNode(`${OA}TextQuoteSelector`)).length === 1,
      )!;
      const position = selectors.find(
        (s) => one(jsonLdStore, s, RDF_TYPE, namedNode(`${OA}TextPositionSelector`)).length === 1,
      )!;
      return (
        one(jsonLdStore, c, RDF_TYPE, namedNode(`${OA}Annotation`)).length === 1 &&
        one(jsonLdStore, quote, `${OA}exact`, literal(QUOTE)).length === 1 &&
        one(jsonLdStore, quote, `${OA}prefix`).length === 1 &&
        one(jsonLdStore, quote, `${OA}suffix`).length === 1 &&
        Number(one(jsonLdStore, position, `${OA}start`)[0]!.object.value) === 7452 &&
        Number(one(jsonLdStore, position, `${OA}end`)[0]!.object.value) === 7535
      );
    });
    expect(quoted).toHaveLength(1);
    expect(one(jsonLdStore, document, RDF_TYPE, namedNode(`${SCHEMA}Report`))).toHaveLength(1);
    expect(one(jsonLdStore, document, `${SCHEMA}datePublished`)[0]!.object).toEqual(
      literal('2025-03', namedNode('http://www.w3.org/2001/XMLSchema#gYearMonth')),
    );
  });

  it('keeps date precision as Wikidata does: a year stays a year', () => {
    const years = jsonLdStore
      .getQuads(null, namedNode(`${WIKIBASE}timePrecision`), null, null)
      .filter((q) => q.object.value === '9')
      .map((q) => one(jsonLdStore, q.subject.value, `${WIKIBASE}timeValue`)[0]!.object);
    expect(years.length).toBeGreaterThan(5);
    for (const year of years) {
      expect(year.value).toMatch(/^\d{4}$/);
      expect((year as ReturnType<typeof literal>).datatype.value).toBe(
        'http://www.w3.org/2001/XMLSchema#gYear',
      );
    }
  });

  it('reads the graph in batches of EXPORT_BATCH_SIZE entities, each statement bounded by its batch', () => {
    const documents = new Set(
      jsonLdStore
        .getQuads(null, namedNode(RDF_TYPE), namedNode(`${eg}Document`), null)
        .map((q) => q.subject.value),
    );
    const subjects = new Set(
      jsonLdStore
        .getQuads(null, namedNode(`${SCHEMA}identifier`), null, null)
        .map((q) => q.subject.value)
        .filter((s) => !documents.has(s)),
    );
    expect(subjects.size).toBeGreaterThan(BATCH * 5);
    const pages = statements.filter((s) => s.sql.startsWith('SELECT id, type FROM entity WHERE id > ?'));
    // every page asks for one batch; a short (or empty) one ends the walk
    expect(pages.length).toBe(Math.floor(subjects.size / BATCH) + 1);
    expect(pages.every((s) => s.params[1] === BATCH)).toBe(true);
    const byEntities = statements.filter((s) => /WHERE (cl\.subject_id|entity_id) IN \(\?\)/.test(s.sql));
    expect(byEntities.length).toBe(2 * Math.ceil(subjects.size / BATCH));
    expect(Math.max(...byEntities.map((s) => (s.params[0] as unknown[]).length))).toBe(BATCH);
  });
});

describe('Export: one node', () => {
  it('exports an entity with its claims and the documents they quote, nothing else', async () => {
    const id = gid('Country', 'kazakhstan');
    const res = await get(`${api.origin}/export/node/${id}.jsonld`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const store = storeOf(await toNQuads(res.json() as object));
    const node = `${api.origin}/export/node/${id}`;
    const eg = `${api.origin}/export/context.jsonld#`;
    const claims = one(store, node, `${eg}claim`);
    expect(claims.length).toBeGreaterThan(3);
    const withClaims = new Set(
      store.getQuads(null, namedNode(`${eg}claim`), null, null).map((q) => q.subject.value),
    );
    expect([...withClaims]).toEqual([node]);
    const documents = store.getQuads(null, namedNode(`${eg}textHash`), null, null);
    expect(documents.length).toBeGreaterThan(0);
    const nq = await get(`${api.origin}/export/node/${id}.nq`);
    expect(storeOf(nq.text).size).toBe(store.size);
  });

  it("redirects a node's IRI to its JSON-LD", async () => {
    const id = gid('Country', 'kazakhstan');
    const res = await get(`${api.origin}/export/node/${id}`);
    expect([res.status, res.headers.location]).toEqual([303, `/export/node/${id}.jsonld`]);
  });

  it('answers HEAD with the headers alone, reading no graph', async () => {
    const statements: string[] = [];
    setStatementListener((sql) => statements.push(sql));
    try {
      const head = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .request(`${api.origin}/export/graph.nq`, { method: 'HEAD', agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res));
          })
          .on('error', reject)
          .end(),
      );
      expect([head.statusCode, head.headers['content-type'], head.headers.etag]).toEqual([
        200,
        expect.stringMatching(/^application\/n-quads/),
        expect.stringMatching(/^"\d+-/),
      ]);
    } finally {
      setStatementListener(undefined);
    }
    expect(statements.filter((s) => s.includes('FROM entity'))).toEqual([]);
  });

  it('answers 304 to a client that holds the same version', async () => {
    const url = `${api.origin}/export/node/${gid('Country', 'kazakhstan')}.jsonld`;
    const first = await get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"\d+-[0-9a-f]{16}"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers 404 JSON for an unknown id and 400 for one that is not a global id', async () => {
    const unknown = await get(`${api.origin}/export/node/${gid('Country', 'atlantis')}.jsonld`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({
      errors: [
        { message: expect.stringContaining('No Country has the id'), extensions: { code: 'NOT_FOUND' } },
      ],
    });
    const malformed = await get(`${api.origin}/export/node/not*an*id.jsonld`);
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const format = await get(`${api.origin}/export/node/${gid('Country', 'kazakhstan')}.xml`);
    expect(format.status).toBe(400);
  });
});

describe('Export: admission control as for /graphql', () => {
  let limited: TestService | undefined;
  afterAll(() => limited?.stop());

  it('refuses an export when every slot is taken, and serves the context meanwhile', async () => {
    limited = await startTestService({
      admission: { maxConcurrent: 1, queueLimit: 0, maxWaitMs: 1_000, shedHoldMs: 0 },
    });
    const origin = limited.origin;
    const { hostname, port } = new URL(origin);
    // headers and half the promised body, then nothing: the one slot is held while the body is awaited
    const slow = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.on('error', () => undefined);
    slow.write(
      `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`,
    );
    try {
      // HEAD goes through admission like GET but reads no graph: poll with it until the slot is seen taken
      let status = 0;
      for (let i = 0; i < 100 && status !== 503; i++) {
        status = await new Promise<number>((resolve, reject) =>
          http
            .request(`${origin}/export/graph.nq`, { method: 'HEAD', agent: false }, (res) => {
              res.resume();
              resolve(res.statusCode!);
            })
            .on('error', reject)
            .end(),
        );
        if (status !== 503) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(503);
      const refused = await get(`${origin}/export/graph.jsonld`);
      expect([refused.status, refused.headers['retry-after']]).toEqual([503, '1']);
      expect(refused.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      expect((await get(`${origin}/export/node/${gid('Country', 'kazakhstan')}.nq`)).status).toBe(503);
      expect((await get(`${origin}/export/context.jsonld`)).status).toBe(200);
    } finally {
      slow.destroy();
    }
  });
});
