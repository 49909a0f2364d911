import fs from 'node:fs';
import path from 'node:path';
import { loadFiles } from '../../src/ingest/load';
import { readInputs } from '../../src/ingest/read-inputs';
import { normalizeText, sliceCodePoints } from '../../src/provenance/normalize';
import { freshDatabase } from '../support/database';
import { ROOT } from '../support/environment';
import { describeWithSources, sourcesDir } from '../support/sources';
import { startTestService, useTestService, type TestService } from '../support/service';

const api = useTestService();

interface Source {
  quote: string;
  span: { start: number; end: number };
  document: { id: string; title: string; textHash: string | null };
}
interface Claim {
  field: string;
  value: string;
  rank: string;
  sources: Source[];
}

const KAZAKHSTAN_NAME = `{
  country(name: "Kazakhstan") {
    name
    claims(fields: [NAME]) { field value rank sources { quote span { start end } document { id title textHash } } }
  }
}`;

describe('Countries: field-level sources', () => {
  it("gives Kazakhstan's name with its quotes, each with a span as long as the quote", async () => {
    const { body } = await api.gql(KAZAKHSTAN_NAME);
    expect(body.errors).toBeUndefined();
    const claims = body.data!.country.claims as Claim[];
    expect(claims.map((c) => [c.field, c.value])).toEqual([['name', 'Kazakhstan']]);
    const [name] = claims;
    expect(['PREFERRED', 'NORMAL']).toContain(name!.rank);
    expect(name!.sources.length).toBeGreaterThanOrEqual(2);
    for (const source of name!.sources) {
      expect(source.quote).toContain('Kazakh');
      expect(source.span.end - source.span.start).toBe([...source.quote].length);
      expect(source.document.title.length).toBeGreaterThan(0);
    }
  });

  it('returns every field with claims when fields is omitted', async () => {
    const all = await api.gql('{ country(name: "Türkiye") { claims { field rank } } }');
    expect(all.body.errors).toBeUndefined();
    const claims = all.body.data!.country.claims as { field: string; rank: string }[];
    const fields = [...new Set(claims.map((c) => c.field))].sort();
    expect(fields).toEqual(['aliases', 'iso2', 'iso3', 'name', 'officialName']);
    const one = await api.gql('{ country(name: "Türkiye") { claims(fields: [ISO2]) { field value } } }');
    expect(one.body.data!.country.claims).toEqual([{ field: 'iso2', value: 'TR' }]);
  });

  it('has at least one cited claim for every country', async () => {
    const { body } = await api.gql(
      '{ countries(first: 100) { totalCount nodes { slug claims { sources { quote } } } } }',
    );
    const nodes = body.data!.countries.nodes as { slug: string; claims: { sources: unknown[] }[] }[];
    expect(nodes.length).toBe(body.data!.countries.totalCount);
    expect(nodes.length).toBeGreaterThan(10);
    const uncited = nodes.filter((c) => !c.claims.some((claim) => claim.sources.length > 0));
    expect(uncited.map((c) => c.slug)).toEqual([]);
  });
});

describe('Countries: claims filtered by rank', () => {
  // The curated seed has no DEPRECATED claim; the test fixture has one (a misspelt name) beside a NORMAL one.
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let fixture: TestService;
  beforeAll(async () => {
    db = await freshDatabase('country_claims_ranks');
    await loadFiles(db.dataSource, readInputs([path.join(ROOT, 'tests', 'fixtures', 'ingest')]), {
      sourcesDir: path.join(ROOT, 'tests', 'fixtures', 'sources'),
    });
    fixture = await startTestService({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await fixture?.stop();
    await db?.drop();
  });

  const nameClaims = async (ranks?: string) =>
    (
      await fixture.gql(
        `{ country(name: "Kazakhstan") { name claims(fields: [NAME]${ranks ? `, ranks: ${ranks}` : ''}) { value rank note } } }`,
      )
    ).body.data!.country as { name: string; claims: { value: string; rank: string; note: string | null }[] };

  it('leaves the DEPRECATED claim out by default, and the plain field keeps the other value', async () => {
    const country = await nameClaims();
    expect(country.name).toBe('Kazakhstan');
    expect(country.claims).toEqual([{ value: 'Kazakhstan', rank: 'NORMAL', note: null }]);
  });

  it('gives every claim when every rank is asked for', async () => {
    const country = await nameClaims('[PREFERRED, NORMAL, DEPRECATED]');
    expect(country.claims.map((c) => [c.value, c.rank]).sort()).toEqual([
      ['Kazakhstan', 'NORMAL'],
      ['Kazakstan', 'DEPRECATED'],
    ]);
  });

  it('gives only the DEPRECATED claim, with its note, when only DEPRECATED is asked for', async () => {
    expect((await nameClaims('[DEPRECATED]')).claims).toEqual([
      {
        value: 'Kazakstan',
        rank: 'DEPRECATED',
        note: 'A misspelling in an earlier edition, corrected since.',
      },
    ]);
  });

  it('leaves the DEPRECATED claim out when the other ranks are asked for', async () => {
    expect((await nameClaims('[PREFERRED, NORMAL]')).claims).toEqual([
      { value: 'Kazakhstan', rank: 'NORMAL', note: null },
    ]);
  });
});

describeWithSources('Countries: quotes stand at their spans in the source documents', () => {
  it("places every quote of Kazakhstan's name at its span in a source text", async () => {
    const { body } = await api.gql(KAZAKHSTAN_NAME);
    const dir = sourcesDir();
    const texts = fs.readdirSync(dir).map((f) => normalizeText(fs.readFileSync(path.join(dir, f), 'utf8')));
    const sources = (body.data!.country.claims as Claim[])[0]!.sources;
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) {
      const matching = texts.filter(
        (t) => sliceCodePoints(t, source.span.start, source.span.end) === source.quote,
      );
      expect({ quote: source.quote, found: matching.length }).toEqual({ quote: source.quote, found: 1 });
    }
  });
});
