import fs from 'node:fs';
import path from 'node:path';
import { normalizeText, sliceCodePoints } from '../../src/provenance/normalize';
import { SOURCES_DIR } from '../support/environment';
import { useTestService } from '../support/service';

const api = useTestService();

interface Source {
  quote: string;
  span: { start: number; end: number };
  document: { title: string; textHash: string };
}

describe('Countries: field-level sources', () => {
  it("gives Kazakhstan's name with quotes that stand at their spans in the source documents", async () => {
    const { body } = await api.gql(`{
      country(name: "Kazakhstan") {
        name
        claims(fields: [NAME]) { field value rank sources { quote span { start end } document { id title textHash } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const claims = body.data!.country.claims as {
      field: string;
      value: string;
      rank: string;
      sources: Source[];
    }[];
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.field === 'name')).toBe(true);
    const name = claims.find((c) => c.value === 'Kazakhstan')!;
    expect(['PREFERRED', 'NORMAL']).toContain(name.rank);
    expect(name.sources.length).toBeGreaterThan(0);
    const texts = new Map(
      fs
        .readdirSync(SOURCES_DIR)
        .map((f) => [f, normalizeText(fs.readFileSync(path.join(SOURCES_DIR, f), 'utf8'))]),
    );
    for (const source of name.sources) {
      expect(source.quote).toContain('Kazakh');
      const matching = [...texts.values()].filter(
        (t) => sliceCodePoints(t, source.span.start, source.span.end) === source.quote,
      );
      expect(matching.length).toBeGreaterThan(0);
    }
  });

  it('returns every claim of every field when fields is omitted, and only the ranks asked for', async () => {
    const all = await api.gql('{ country(name: "Türkiye") { claims { field rank } } }');
    const fields = new Set((all.body.data!.country.claims as { field: string }[]).map((c) => c.field));
    expect(fields).toEqual(expect.objectContaining({}));
    expect(fields.has('name')).toBe(true);
    expect(fields.has('aliases')).toBe(true);
    const deprecatedOnly = await api.gql(
      '{ country(name: "Türkiye") { claims(ranks: [DEPRECATED]) { rank } } }',
    );
    expect(
      (deprecatedOnly.body.data!.country.claims as { rank: string }[]).every((c) => c.rank === 'DEPRECATED'),
    ).toBe(true);
  });

  it('has at least one cited claim for every country', async () => {
    const { body } = await api.gql(
      '{ countries(first: 100) { nodes { slug claims { sources { quote } } } } }',
    );
    for (const c of body.data!.countries.nodes as { slug: string; claims: { sources: unknown[] }[] }[]) {
      expect({ slug: c.slug, cited: c.claims.some((claim) => claim.sources.length > 0) }).toEqual({
        slug: c.slug,
        cited: true,
      });
    }
  });
});
