import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadFiles } from '../../src/ingest/load';
import { InvalidInputError } from '../../src/ingest/seed-format';
import { sourceText } from '../../src/ingest/sources';
import { placeQuote } from '../../src/provenance/quote-selectors';
import { generateSyntheticGraph } from '../../src/synthetic/generate';
import { TsvEncoder } from '../../src/synthetic/tsv';
import { freshDatabase, HISTORY_TABLES, seededDatabase, tableChecksums } from '../support/database';
import { ROOT } from '../support/environment';
import { startTestService, type TestService } from '../support/service';

/**
 * The smallest graph that shows every property below: at 200 events and fewer every family but the events
 * is at its floor (syntheticSizes), and 100 events still hold dates of every precision.
 */
const EVENTS = 100;
const SEED = 7;
type Db = Awaited<ReturnType<typeof freshDatabase>>;

/** Runs `npm run seed:synthetic` as a user would (the compiled command), against one database. */
function seedSynthetic(url: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'synthetic', 'cli.js'), ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let a: Db;
let b: Db;
let curatedOnly: Record<string, string>;
let summaryA: { tables: Record<string, { rows: number; sha256: string }> };
let summaryB: typeof summaryA;

beforeAll(async () => {
  // both start from the curated seed, as the command's users' databases do
  a = await seededDatabase('synthetic_a');
  b = await seededDatabase('synthetic_b');
  curatedOnly = await tableChecksums(a.dataSource, { exceptTables: HISTORY_TABLES });
  const runA = seedSynthetic(a.url, '--events', String(EVENTS), '--seed', String(SEED), '--json');
  const runB = seedSynthetic(b.url, '--events', String(EVENTS), '--seed', String(SEED), '--json');
  if (runA.status !== 0 || runB.status !== 0)
    throw new Error(`seed:synthetic failed: ${runA.stderr}${runB.stderr}`);
  summaryA = JSON.parse(runA.stdout) as typeof summaryA;
  summaryB = JSON.parse(runB.stdout) as typeof summaryB;
}, 240_000);
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

describe('Synthetic graph: generation', () => {
  it('is deterministic: the same seed gives the same rows, byte for byte, and the same tables', async () => {
    expect(Object.keys(summaryA.tables).length).toBeGreaterThanOrEqual(17);
    expect(summaryB.tables).toEqual(summaryA.tables);
    expect(await tableChecksums(b.dataSource)).toEqual(await tableChecksums(a.dataSource));
  });

  it('differs with another seed', () => {
    const encoder = new TsvEncoder();
    for (const batch of generateSyntheticGraph({ events: EVENTS, seed: SEED + 1 })) encoder.encode(batch);
    expect(encoder.summary()['claim']!.sha256).not.toBe(summaryA.tables['claim']!.sha256);
  });

  it('writes every entity type in proportion to the events, about ten claims per entity', () => {
    const rows = (table: string) => summaryA.tables[table]!.rows;
    expect(rows('event')).toBe(EVENTS);
    expect(rows('country')).toBe(200);
    for (const table of [
      'organization',
      'membership',
      'agreement',
      'agreement_party',
      'event_participant',
      'person',
      'position',
      'project',
      'project_participant',
      'figure',
    ])
      expect(rows(table)).toBeGreaterThan(0);
    const entities = rows('entity');
    const nonRelationship = ['country', 'organization', 'agreement', 'event', 'person', 'project'].reduce(
      (n, t) => n + rows(t),
      0,
    );
    expect(rows('claim') / nonRelationship).toBeGreaterThan(6);
    expect(rows('claim') / entities).toBeGreaterThan(3);
    expect(rows('citation')).toBeGreaterThanOrEqual(rows('claim'));
  });

  it('stores every synthetic quote at its span, singled out by its prefix and suffix, as the ingest verifies it', async () => {
    const docs = (await a.dataSource.query(
      "SELECT id, text, kind, quality_notes FROM document WHERE id LIKE 'synthetic--%'",
    )) as { id: string; text: string; kind: string; quality_notes: string }[];
    expect(docs.length).toBe(summaryA.tables['document']!.rows);
    const texts = new Map(docs.map((d) => [d.id, sourceText(d.text)]));
    const citations = (await a.dataSource.query(
      "SELECT id, document_id, quote, span_start, span_end, quote_prefix, quote_suffix FROM citation WHERE document_id LIKE 'synthetic--%'",
    )) as {
      id: string;
      document_id: string;
      quote: string;
      span_start: number;
      span_end: number;
      quote_prefix: string | null;
      quote_suffix: string | null;
    }[];
    expect(citations.length).toBe(summaryA.tables['citation']!.rows);
    // the selectors single each quote out, as the ingest requires, and a selector without them would not pass
    const wrong = citations.filter(
      (c) =>
        c.quote_prefix === null ||
        c.quote_suffix === null ||
        !placeQuote(texts.get(c.document_id)!, {
          quote: c.quote,
          spanStart: c.span_start,
          spanEnd: c.span_end,
          prefix: c.quote_prefix,
          suffix: c.quote_suffix,
        }).ok,
    );
    expect(wrong).toEqual([]);
    expect(docs.every((d) => d.kind === 'OTHER' && d.quality_notes.includes('SYNTHETIC'))).toBe(true);
    expect(Math.min(...docs.map((d) => d.text.length))).toBeGreaterThan(1000);
  });

  it('has partial dates of every precision, unknown ones, and competing claims settled by rank', async () => {
    const [dates] = (await a.dataSource.query(
      `SELECT SUM(start = 'unknown') AS unknown, SUM(LENGTH(start) = 4) AS years, SUM(LENGTH(start) = 7) AS months,
              SUM(LENGTH(start) = 10) AS days FROM event WHERE id LIKE 'synthetic--%'`,
    )) as Record<string, string>[];
    for (const precision of ['unknown', 'years', 'months', 'days'])
      expect(Number(dates![precision])).toBeGreaterThan(0);
    const competing = (await a.dataSource.query(
      `SELECT c.id, c.independence, cl.value FROM country c JOIN claim cl ON cl.subject_id = c.id
        WHERE c.id LIKE 'synthetic--%' AND cl.field = 'independence' AND cl.rank = 'PREFERRED'`,
    )) as { independence: string; value: string }[];
    expect(competing.length).toBeGreaterThan(0);
    expect(competing.every((c) => c.independence === c.value)).toBe(true);
  });
});

describe('Synthetic graph: through the API', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ databaseUrl: a.url });
  });
  afterAll(() => service?.stop());

  it('serves a synthetic country with its claims and their sources', async () => {
    const [row] = (await a.dataSource.query(
      "SELECT name, independence FROM country WHERE id = 'synthetic--country-0'",
    )) as { name: string; independence: string | null }[];
    const res = await service.gql(
      `query($name: String!) { country(name: $name) { name independence { text }
         claims { field value rank sources { quote span { start end } document { id kind qualityNotes text } } } } }`,
      { name: row!.name.toUpperCase() },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const country = res.body.data!.country;
    expect(country.name).toBe(row!.name);
    expect(country.independence?.text ?? null).toBe(row!.independence);
    expect(country.claims.length).toBeGreaterThanOrEqual(7);
    for (const claim of country.claims) {
      expect(claim.sources.length).toBeGreaterThan(0);
      for (const s of claim.sources) {
        expect(s.document.kind).toBe('OTHER');
        expect(s.document.qualityNotes.join(' ')).toMatch(/SYNTHETIC/);
        expect([...s.document.text].slice(s.span.start, s.span.end).join('')).toBe(s.quote);
      }
    }
  });

  it('serves an organization with its members, each with a status and sources', async () => {
    const [row] = (await a.dataSource.query(
      "SELECT name FROM organization WHERE id = 'synthetic--organization-0'",
    )) as { name: string }[];
    const res = await service.gql(
      `query($name: String!) { organization(name: $name) { members(first: 20) { totalCount nodes { status
         member { __typename ... on Country { name } ... on Organization { name } } sources { quote } } } } }`,
      { name: row!.name },
    );
    expect(res.body.errors).toBeUndefined();
    const members = res.body.data!.organization.members;
    expect(members.totalCount).toBeGreaterThan(20);
    expect(members.nodes).toHaveLength(20);
    for (const m of members.nodes) {
      expect(m.member.name).toEqual(expect.any(String));
      expect(m.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('Synthetic graph: kept apart from the curated data', () => {
  it('the curated ingest refuses the reserved id prefix, as an id and as a reference', async () => {
    const yaml = (id: string, ref: string) => `document:
  id: ${id}
  title: A test document
  kind: OTHER
entities:
  - type: Organization
    id: ${id}-org
    claims:
      - field: name
        value: Test Organization
        cite: [{ quote: "Test Organization" }]
  - type: Organization
    id: test-organization
    claims:
      - field: name
        value: Test Organization
        cite: [{ quote: "Test Organization" }]
      - field: parent
        value: ${ref}
        cite: [{ quote: "Test Organization" }]
`;
    let problems: string[] = [];
    try {
      await loadFiles(
        a.dataSource,
        [{ name: 'reserved.yaml', content: yaml('synthetic--doc', 'synthetic--organization-0') }],
        { dryRun: true },
      );
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems = error.problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^document\.id: id "synthetic--doc" uses the reserved id prefix "synthetic--"/),
        expect.stringMatching(/^entities\[0\]\.id: id "synthetic--doc-org" uses the reserved id prefix/),
        expect.stringMatching(/reference "synthetic--organization-0" uses the reserved id prefix/),
      ]),
    );
  });

  it('refuses bad arguments with a message naming them', () => {
    const bad = seedSynthetic(a.url, '--events', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--events "many" is not accepted: expected an integer from 1 to/);
    const both = seedSynthetic(a.url, '--remove', '--events', '10');
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--remove takes no --events/);
  });

  it('records the load as one revision: its claims carry it, its entities enter the change feed', async () => {
    const [revision] = (await a.dataSource.query(
      'SELECT id, source, claims_added, claims_removed, entities_changed, documents FROM revision ORDER BY id DESC LIMIT 1',
    )) as {
      id: string;
      source: string;
      claims_added: number;
      claims_removed: number;
      entities_changed: number;
      documents: number;
    }[];
    expect(revision).toMatchObject({
      source: 'SYNTHETIC',
      claims_added: summaryA.tables['claim']!.rows,
      claims_removed: 0,
      entities_changed: summaryA.tables['entity']!.rows,
      documents: summaryA.tables['document']!.rows,
    });
    const count = async (sql: string, ...params: unknown[]) =>
      Number(((await a.dataSource.query(sql, params)) as { n: string }[])[0]!.n);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM claim WHERE subject_id LIKE ? AND first_revision = ? AND last_changed_revision = ?',
        'synthetic--%',
        revision!.id,
        revision!.id,
      ),
    ).toBe(summaryA.tables['claim']!.rows);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM entity_change WHERE revision_id = ? AND removed = 0',
        revision!.id,
      ),
    ).toBe(summaryA.tables['entity']!.rows);
  });

  it('--remove leaves exactly the curated data: every table checksum as before the synthetic load', async () => {
    const except = { exceptTables: HISTORY_TABLES };
    expect(await tableChecksums(a.dataSource, except)).not.toEqual(curatedOnly);
    const run = seedSynthetic(a.url, '--remove');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^removed the synthetic graph: \d+ rows/);
    expect(await tableChecksums(a.dataSource, except)).toEqual(curatedOnly);
    // the removal is a revision of its own, and every synthetic entity is in the feed as removed
    const [revision] = (await a.dataSource.query(
      'SELECT id, source, claims_added, claims_removed FROM revision ORDER BY id DESC LIMIT 1',
    )) as { id: string; source: string; claims_added: number; claims_removed: number }[];
    expect(revision).toMatchObject({
      source: 'SYNTHETIC',
      claims_added: 0,
      claims_removed: summaryA.tables['claim']!.rows,
    });
    const [feed] = (await a.dataSource.query(
      'SELECT COUNT(*) AS n, SUM(removed) AS removed FROM entity_change WHERE revision_id = ?',
      [revision!.id],
    )) as { n: string; removed: string }[];
    expect([Number(feed!.n), Number(feed!.removed)]).toEqual([
      summaryA.tables['entity']!.rows,
      summaryA.tables['entity']!.rows,
    ]);
  });
});
