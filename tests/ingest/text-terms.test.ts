/**
 * The word counts that search reads to leave common words out of a full-text match (`text_term`) are kept
 * by the ingest as it writes, by taking back what the rewritten entities held and adding what they hold
 * now: after a load that adds texts, one that removes an entity and its quotes, and one that puts them
 * back, the counts equal a count made from scratch.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { TEXT_TERM_REFRESHER } from '../../src/discovery/text-terms';
import { loadFiles } from '../../src/ingest/load';
import { seededDatabase } from '../support/database';
import { ROOT } from '../support/environment';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const VALID = fs.readFileSync(path.join(FIXTURES, 'ingest', 'steppe-bulletin.yaml'), 'utf8');
const BANK =
  '  - type: Organization\n    id: turkiye-is-bankasi\n    claims:\n      - values: { name: "Türkiye İş Bankası", kind: BANK }\n        cite: [{ quote: "The Türkiye İş Bankası delegation attended." }]\n';
if (!VALID.includes(BANK))
  throw new Error('the fixture no longer declares turkiye-is-bankasi as this test expects');
const WITHOUT_BANK = VALID.replace(BANK, '');

let db: Awaited<ReturnType<typeof seededDatabase>>;
let ds: DataSource;

beforeAll(async () => {
  db = await seededDatabase('text_terms_test');
  ds = db.dataSource;
});
afterAll(() => db?.drop());

const load = (content: string) =>
  loadFiles(ds, [{ name: 'steppe-bulletin.yaml', content }], { sourcesDir: path.join(FIXTURES, 'sources') });

type Row = { source: string; term: string; occurrences: number };

/**
 * Counts by source and word; which spelling of a word ("Türk", "turk") a row keeps depends on which came
 * first, so words are keyed folded, as the collation compares them.
 */
function byWord(rows: Row[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.source} ${r.term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(r.occurrences));
  }
  return counts;
}

/** The stored counts, words that no row holds any more left out. */
async function kept(): Promise<Map<string, number>> {
  return byWord(
    (await ds.query('SELECT source, term, occurrences FROM text_term WHERE occurrences > 0')) as Row[],
  );
}

/** The counts made from scratch, in a transaction that is then rolled back. */
async function recounted(): Promise<Map<string, number>> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await TEXT_TERM_REFRESHER.refresh(runner, 'all');
    return byWord((await runner.query('SELECT source, term, occurrences FROM text_term')) as Row[]);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const countOf = (counts: Map<string, number>, key: string) => counts.get(key) ?? 0;

it('holds what the seed holds, counted as the full-text index counts words', async () => {
  const counts = await kept();
  expect(counts).toEqual(await recounted());
  // quotes and prose are counted; words shorter than the index's three characters are not
  expect([...counts.keys()].some((k) => k.startsWith('citation '))).toBe(true);
  expect([...counts.keys()].some((k) => k.startsWith('organization '))).toBe(true);
  expect([...counts.keys()].every((k) => [...k.split(' ')[1]!].length >= 3)).toBe(true);
});

it('follows loads that add, remove and restore texts', async () => {
  const before = await kept();
  await load(VALID);
  const added = await kept();
  expect(added).toEqual(await recounted());
  // "delegation" is in the bank's quote, which its two claims (name and kind) cite: two citations
  expect(countOf(added, 'citation delegation')).toBe(countOf(before, 'citation delegation') + 2);
  expect(countOf(added, 'citation bankası')).toBeGreaterThan(0);

  await load(WITHOUT_BANK);
  const removed = await kept();
  expect(removed).toEqual(await recounted());
  expect(countOf(removed, 'citation delegation')).toBe(countOf(before, 'citation delegation'));

  await load(VALID);
  expect(await kept()).toEqual(added);
});
