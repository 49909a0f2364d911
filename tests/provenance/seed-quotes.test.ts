import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { normalizeText, sliceCodePoints } from '../../src/provenance/normalize';
import { SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { describeWithSources, sourcesDir } from '../support/sources';

interface Cite {
  quote: string;
  span?: [number, number];
}
interface SeedYaml {
  document: { id: string; file: string | null };
  entities: { id: string; claims: { cite: Cite[] }[] }[];
}

const files = fs.readdirSync(SEED_DOCUMENTS_DIR).filter((f) => f.endsWith('.yaml'));
const seeds = files.map((f) => ({
  file: f,
  seed: YAML.parse(fs.readFileSync(path.join(SEED_DOCUMENTS_DIR, f), 'utf8')) as SeedYaml,
}));

describeWithSources('Seed: every quote stands at its span in its document', () => {
  const withText = seeds.filter((s) => s.seed.document.file);

  it('covers all five source documents', () => {
    expect(withText.map((s) => s.seed.document.file).sort()).toEqual(fs.readdirSync(sourcesDir()).sort());
  });

  it.each(withText.map((s) => [s.file, s.seed] as const))('%s', (_file, seed) => {
    const text = normalizeText(fs.readFileSync(path.join(sourcesDir(), seed.document.file!), 'utf8'));
    const wrong: string[] = [];
    let checked = 0;
    for (const entity of seed.entities) {
      for (const claim of entity.claims) {
        for (const cite of claim.cite) {
          checked += 1;
          if (!cite.span || sliceCodePoints(text, cite.span[0], cite.span[1]) !== cite.quote)
            wrong.push(`${entity.id}: ${JSON.stringify(cite.quote)} at ${JSON.stringify(cite.span)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('repairs double-encoded UTF-8 and nothing else', () => {
    expect(normalizeText('ErdoÄŸan')).toBe('Erdoğan');
    expect(normalizeText('Türkiye, İstanbul, Qazaqstan, Oʻzbekiston, KOÇ’s')).toBe(
      'Türkiye, İstanbul, Qazaqstan, Oʻzbekiston, KOÇ’s',
    );
    const raw = fs.readFileSync(path.join(sourcesDir(), '002_1e8c34f5a2199e26.txt'), 'utf8');
    expect(raw).toContain('ErdoÄŸan');
    const text = normalizeText(raw);
    expect(text).not.toContain('Ä');
    expect(text.replace(/Erdoğan/g, 'ErdoÄŸan')).toBe(raw);
  });
});
