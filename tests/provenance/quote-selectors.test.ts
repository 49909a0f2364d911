/**
 * W3C Web Annotation selectors of citations: `prefix + exact + suffix` singles every quote out in its
 * normalised text, `start`/`end` count code points, and the ingest refuses a quote its context does not
 * single out. Served over HTTP as `Citation.selectors`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadFiles, type InputFile } from '../../src/ingest/load';
import { SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { InvalidInputError, type Problem } from '../../src/ingest/seed-format';
import { findQuote, normalizeText, sliceCodePoints } from '../../src/provenance/normalize';
import { CONTEXT_LENGTH } from '../../src/provenance/quote-selectors';
import { freshDatabase } from '../support/database';
import { ROOT } from '../support/environment';
import { startTestService, useTestService, type TestService } from '../support/service';
import { describeWithSources, sourcesDir } from '../support/sources';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const SOURCES = path.join(FIXTURES, 'sources');
const ASTRAL_TEXT = fs.readFileSync(path.join(SOURCES, 'astral-notes.txt'), 'utf8');
const ASTRAL = fs.readFileSync(path.join(FIXTURES, 'ingest', 'astral-notes.yaml'), 'utf8');

interface Cite {
  quote: string;
  span?: [number, number];
  prefix?: string;
  suffix?: string;
}
interface SeedYaml {
  document: { id: string; file: string | null };
  entities: { id: string; claims: { cite: Cite[] }[] }[];
}

const seeds = fs
  .readdirSync(SEED_DOCUMENTS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({
    file: f,
    seed: YAML.parse(fs.readFileSync(path.join(SEED_DOCUMENTS_DIR, f), 'utf8')) as SeedYaml,
  }));

describe('Selectors: the curated citations carry their context', () => {
  it('every citation of a document with a text has a prefix and a suffix of at most 32 code points', () => {
    const cites = seeds
      .filter((s) => s.seed.document.file)
      .flatMap((s) => s.seed.entities.flatMap((e) => e.claims.flatMap((c) => c.cite)));
    expect(cites.length).toBeGreaterThan(500);
    const missing = cites.filter(
      (c) =>
        typeof c.prefix !== 'string' ||
        typeof c.suffix !== 'string' ||
        [...c.prefix].length > CONTEXT_LENGTH ||
        [...c.suffix].length > CONTEXT_LENGTH,
    );
    expect(missing).toEqual([]);
  });
});

describeWithSources(
  'Selectors: every seed quote is singled out by its context and stands at its span',
  () => {
    it.each(seeds.filter((s) => s.seed.document.file).map((s) => [s.file, s.seed] as const))(
      '%s',
      (_file, seed) => {
        const text = normalizeText(fs.readFileSync(path.join(sourcesDir(), seed.document.file!), 'utf8'));
        const wrong: string[] = [];
        let checked = 0;
        for (const entity of seed.entities)
          for (const claim of entity.claims)
            for (const cite of claim.cite) {
              checked += 1;
              const selected = findQuote(text, `${cite.prefix}${cite.quote}${cite.suffix}`);
              const [start, end] = cite.span ?? [-1, -1];
              if (
                selected.length !== 1 ||
                selected[0]! + [...cite.prefix!].length !== start ||
                end - start !== [...cite.quote].length ||
                sliceCodePoints(text, start, end) !== cite.quote
              )
                wrong.push(`${entity.id}: ${JSON.stringify(cite)} (${selected.length} places)`);
            }
        expect(wrong).toEqual([]);
        expect(checked).toBeGreaterThan(10);
      },
    );
  },
);

const input = (content: string): InputFile[] => [{ name: 'astral-notes.yaml', content }];

async function problemsOf(ds: Parameters<typeof loadFiles>[0], content: string): Promise<Problem[]> {
  try {
    await loadFiles(ds, input(content), { sourcesDir: SOURCES, dryRun: true });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error('the load was accepted');
}

describe('Selectors: astral characters, ambiguity, and the GraphQL fields', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let service: TestService;
  beforeAll(async () => {
    db = await freshDatabase('quote_selectors_test');
    await loadFiles(db.dataSource, input(ASTRAL), { sourcesDir: SOURCES });
    service = await startTestService({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const citationsOf = async () => {
    const res = await service.gql<{
      document: {
        textHash: string;
        citations: {
          nodes: {
            quote: string;
            span: { start: number; end: number };
            selectors: {
              textQuote: { exact: string; prefix: string; suffix: string };
              textPosition: { start: number; end: number };
            };
          }[];
        };
      };
    }>(
      `query($id: ID!) { document(id: $id) { textHash citations(first: 10) { nodes { quote span { start end }
         selectors { textQuote { exact prefix suffix } textPosition { start end } } } } } }`,
      { id: Buffer.from('Document:astral-notes').toString('base64url') },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.document;
  };

  it('counts offsets in code points, not UTF-16 units', async () => {
    const document = await citationsOf();
    const nodes = document.citations.nodes;
    expect(nodes.map((n) => n.quote)).toEqual([
      'The council met in Astana',
      'The council met in',
      '𝔗𝔲𝔯𝔨𝔦𝔠 summit 🎉 closed',
    ]);
    const points = [...ASTRAL_TEXT];
    for (const n of nodes) {
      const { start, end } = n.selectors.textPosition;
      expect(points.slice(start, end).join('')).toBe(n.quote);
      expect(n.span).toEqual({ start, end });
    }
    // the first quote: 🇰🇿 is two code points (four UTF-16 units), 🐎 one (two units)
    const first = nodes[0]!.selectors.textPosition.start;
    expect(first).toBe([...ASTRAL_TEXT.slice(0, ASTRAL_TEXT.indexOf('The council'))].length);
    expect([first, ASTRAL_TEXT.indexOf('The council')]).toEqual([20, 24]);
    // the third: its end counts 𝔗𝔲𝔯𝔨𝔦𝔠 and 🎉 as one each
    expect(nodes[2]!.selectors.textPosition).toEqual({ start: 100, end: 122 });
    expect('𝔗𝔲𝔯𝔨𝔦𝔠 summit 🎉 closed'.length).toBe(29);
    expect(document.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the given context and fills the rest from the text, 32 code points at most', async () => {
    const [astana, baku, turkic] = (await citationsOf()).citations.nodes.map((n) => n.selectors.textQuote);
    expect(astana).toEqual({
      exact: 'The council met in Astana',
      prefix: '🇰🇿 Astral notes 🐎🐎\n\n',
      suffix: ' 🏛️ on Monday. The council met i',
    });
    expect([...astana!.suffix].length).toBe(CONTEXT_LENGTH);
    expect(baku).toEqual({
      exact: 'The council met in',
      prefix: 'cil met in Astana 🏛️ on Monday. ',
      suffix: ' Baku',
    });
    expect(turkic!.prefix).toBe('cil met in Baku on Tuesday.\nThe ');
    expect([...turkic!.prefix].length).toBe(CONTEXT_LENGTH);
    expect(turkic!.suffix).toBe(' with a declaration.\n');
  });

  it('refuses a quote that occurs twice without the context that singles it out, naming file, entity and quote', async () => {
    const problems = await problemsOf(db.dataSource, ASTRAL.replace(', suffix: " Baku"', ''));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({
      file: 'astral-notes.yaml',
      path: 'entities[1] (Country baku-land).claims[0].cite[0].quote',
      message: expect.stringContaining(
        'quote is ambiguous: "The council met in" occurs 2 times in its document and no prefix or suffix singles one out',
      ),
    });
  });

  it('refuses an ambiguous quote even at a span that reads it, and accepts it with its context', async () => {
    const start = [...ASTRAL_TEXT.slice(0, ASTRAL_TEXT.indexOf('The council met in Baku'))].length;
    const span = `span: [${start}, ${start + 18}]`;
    const problems = await problemsOf(db.dataSource, ASTRAL.replace(', suffix: " Baku"', `, ${span}`));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^quote is ambiguous/)]);
    await expect(
      loadFiles(db.dataSource, input(ASTRAL.replace(', suffix: " Baku"', `, ${span}, prefix: "Monday. "`)), {
        sourcesDir: SOURCES,
        dryRun: true,
      }),
    ).resolves.toMatchObject({ citations: 3 });
  });

  it('refuses a context that does not stand around the quote, and one over 32 code points', async () => {
    const wrong = await problemsOf(db.dataSource, ASTRAL.replace('suffix: " Baku"', 'suffix: " Bishkek"'));
    expect(wrong.map((p) => [p.path, p.message])).toEqual([
      [
        'entities[1] (Country baku-land).claims[0].cite[0].quote',
        expect.stringContaining('the prefix and suffix of "The council met in" do not match its document'),
      ],
    ]);
    const long = await problemsOf(
      db.dataSource,
      ASTRAL.replace('suffix: " Baku"', `suffix: "${'x'.repeat(33)}"`),
    );
    // the refused suffix counts as none, so the quote is then ambiguous as well
    expect(long.map((p) => [p.path, p.message])).toEqual([
      [
        'entities[1] (Country baku-land).claims[0].cite[0].suffix',
        'suffix too long: 33 code points, at most 32',
      ],
      [
        'entities[1] (Country baku-land).claims[0].cite[0].quote',
        expect.stringMatching(/^quote is ambiguous/),
      ],
    ]);
  });
});

describe('Selectors: over HTTP on the seed', () => {
  const api = useTestService();

  it("serves a Kazakhstan claim's quote with its context and position", async () => {
    const res = await api.gql(
      `{ country(name: "Kazakhstan") { claims(fields: [NAME]) { sources { quote span { start end }
           selectors { textQuote { exact prefix suffix } textPosition { start end } } document { textHash } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const sources = (
      res.body.data!.country.claims as {
        sources: {
          quote: string;
          span: { start: number; end: number };
          selectors: {
            textQuote: { exact: string; prefix: string | null; suffix: string | null };
            textPosition: { start: number; end: number };
          };
          document: { textHash: string };
        }[];
      }[]
    ).flatMap((c) => c.sources);
    expect(sources.length).toBeGreaterThan(1);
    for (const s of sources) {
      expect(s.selectors.textQuote.exact).toBe(s.quote);
      expect(s.selectors.textPosition).toEqual(s.span);
      expect(typeof s.selectors.textQuote.prefix).toBe('string');
      expect(typeof s.selectors.textQuote.suffix).toBe('string');
      expect(s.document.textHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
