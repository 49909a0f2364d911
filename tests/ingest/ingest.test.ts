import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadFiles, type InputFile } from '../../src/ingest/load';
import { InvalidInputError, type Problem } from '../../src/ingest/seed-format';
import { freshDatabase, tableChecksums } from '../support/database';
import { ROOT } from '../support/environment';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const SOURCES = path.join(FIXTURES, 'sources');
const VALID = fs.readFileSync(path.join(FIXTURES, 'ingest', 'steppe-bulletin.yaml'), 'utf8');
const input = (content: string, name = 'steppe-bulletin.yaml'): InputFile[] => [{ name, content }];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let ds: DataSource;
beforeAll(async () => {
  db = await freshDatabase('ingest_test');
  ds = db.dataSource;
  await loadFiles(ds, input(VALID), { sourcesDir: SOURCES });
});
afterAll(() => db.drop());

async function problemsOf(content: string): Promise<Problem[]> {
  try {
    await loadFiles(ds, input(content), { sourcesDir: SOURCES });
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems;
    throw error;
  }
  throw new Error('the load was accepted');
}

describe('Ingest: a valid file', () => {
  it('loads every entity with its claims and citations, spans located in the source', async () => {
    const entities = (await ds.query('SELECT id, type FROM entity ORDER BY id')) as {
      id: string;
      type: string;
    }[];
    expect(entities.map((e) => e.id)).toEqual([
      'kazakhstan-test',
      'steppe-memorandum',
      'steppe-memorandum--kazakhstan-test',
      'steppe-talks',
      'steppe-trade-2023',
      'turkiye-is-bankasi',
      'uzbekistan-test',
    ]);
    const unlocated = (await ds.query('SELECT COUNT(*) AS n FROM citation WHERE span_start IS NULL')) as {
      n: string;
    }[];
    expect(Number(unlocated[0]!.n)).toBe(0);
  });

  it('keeps Turkish, Kazakh and Uzbek letters exactly', async () => {
    const names = (await ds.query(
      "SELECT entity_id, name FROM entity_name WHERE kind IN ('NAME', 'OFFICIAL_NAME') ORDER BY entity_id, kind",
    )) as { entity_id: string; name: string }[];
    expect(names).toEqual(
      expect.arrayContaining([
        { entity_id: 'kazakhstan-test', name: 'Қазақстан Республикасы' },
        { entity_id: 'uzbekistan-test', name: 'Oʻzbekiston' },
        { entity_id: 'turkiye-is-bankasi', name: 'Türkiye İş Bankası' },
      ]),
    );
  });

  it('keeps partial dates at their precision and an unknown date as unknown', async () => {
    const [event] = (await ds.query("SELECT start, end FROM event WHERE id = 'steppe-talks'")) as {
      start: string;
      end: string;
    }[];
    expect(event).toEqual({ start: 'unknown', end: '2025' });
    const [agreement] = (await ds.query("SELECT signed FROM agreement WHERE id = 'steppe-memorandum'")) as {
      signed: string;
    }[];
    expect(agreement!.signed).toBe('2024-05-10');
  });

  it('keeps competing claims with their ranks, the preferred one as the plain value', async () => {
    const claims = (await ds.query(
      "SELECT value, rank, note FROM claim WHERE subject_id = 'steppe-trade-2023' AND field = 'value' ORDER BY rank DESC",
    )) as { value: string; rank: string; note: string }[];
    expect(claims).toEqual([
      { value: '4200000000', rank: 'PREFERRED', note: "The ministry's figure." },
      { value: '3900000000', rank: 'NORMAL', note: 'An earlier estimate of the same trade.' },
    ]);
    const [figure] = (await ds.query("SELECT value FROM figure WHERE id = 'steppe-trade-2023'")) as {
      value: string;
    }[];
    expect(Number(figure!.value)).toBe(4200000000);
  });

  it('changes nothing when the same input is loaded again', async () => {
    const before = await tableChecksums(ds);
    const result = await loadFiles(ds, input(VALID), { sourcesDir: SOURCES });
    expect(result.documentsLoaded).toEqual([]);
    expect(result.documentsUnchanged).toEqual(['steppe-bulletin-2024-05-12']);
    expect(await tableChecksums(ds)).toEqual(before);
  });

  it('updates a changed value in place, under the same id', async () => {
    const changed = VALID.replace('place: Almaty', 'place: Almaty city');
    await loadFiles(ds, input(changed), { sourcesDir: SOURCES });
    const rows = (await ds.query("SELECT id, place FROM agreement WHERE id = 'steppe-memorandum'")) as {
      id: string;
      place: string;
    }[];
    expect(rows).toEqual([{ id: 'steppe-memorandum', place: 'Almaty city' }]);
    const claims = (await ds.query(
      "SELECT value FROM claim WHERE subject_id = 'steppe-memorandum' AND field = 'place'",
    )) as { value: string }[];
    expect(claims).toEqual([{ value: 'Almaty city' }]);
    await loadFiles(ds, input(VALID), { sourcesDir: SOURCES });
  });
});

describe('Ingest: invalid input is refused whole, the database untouched', () => {
  const cases: [string, (yaml: string) => string, RegExp, RegExp][] = [
    [
      'an unknown reference',
      (y) => y.replace('party: kazakhstan-test', 'party: atlantis'),
      /claims\[0\]\.values\.party$/,
      /unknown reference atlantis: no Country or Organization has that id/,
    ],
    [
      'a malformed date',
      (y) => y.replace('signed: "2024-05-10"', 'signed: "10 May 2024"'),
      /values\.signed$/,
      /malformed or impossible date: "10 May 2024" is not a partial date/,
    ],
    [
      'an impossible date',
      (y) => y.replace('signed: "2024-05-10"', 'signed: "2024-02-30"'),
      /values\.signed$/,
      /malformed or impossible date: "2024-02-30" is not a date: 2024-02 has 29 days/,
    ],
    [
      'a quote not in its document',
      (y) => y.replace('The talks began this week', 'The talks began last week'),
      /cite\[0\]\.quote$/,
      /quote not found in its document: "The talks began last week"/,
    ],
    [
      'a duplicate id',
      (y) =>
        `${y}  - type: Organization\n    id: kazakhstan-test\n    claims:\n      - { field: name, value: X, cite: [{ quote: "Steppe Bulletin" }] }\n`,
      /Organization kazakhstan-test/,
      /duplicate id kazakhstan-test/,
    ],
    [
      'a missing citation',
      (y) => y.replace('        cite: [{ quote: "Oʻzbekiston Respublikasi" }]\n', ''),
      /claims\[0\]\.cite$/,
      /missing citation/,
    ],
    [
      'a value of the wrong type',
      (y) => y.replace('value: 4200000000', 'value: "a lot"'),
      /values\.value$/,
      /wrong type for value: expected a number, got string "a lot"/,
    ],
    [
      'an unknown enum value',
      (y) => y.replace('kind: MEMORANDUM', 'kind: MOU'),
      /values\.kind$/,
      /unknown enum value "MOU" for kind: expected one of TREATY, DECLARATION/,
    ],
  ];

  it.each(cases)('refuses %s, saying where and why', async (_name, mutate, pathPattern, messagePattern) => {
    const before = await tableChecksums(ds);
    const problems = await problemsOf(mutate(VALID));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('steppe-bulletin.yaml');
    expect(problems[0]!.path).toMatch(pathPattern);
    expect(problems[0]!.message).toMatch(messagePattern);
    expect(await tableChecksums(ds)).toEqual(before);
  });

  it('reports every problem of a file in one run', async () => {
    const broken = cases.slice(0, 4).reduce((y, [, mutate]) => mutate(y), VALID);
    const problems = await problemsOf(broken);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown reference atlantis/),
        expect.stringMatching(/"10 May 2024" is not a partial date/),
        expect.stringMatching(/quote not found/),
      ]),
    );
  });

  it('refuses competing values that no rank settles', async () => {
    const problems = await problemsOf(VALID.replace('        rank: PREFERRED\n', ''));
    expect(problems.map((p) => p.message)).toEqual([
      'sources disagree on Figure.value ("4200000000", "3900000000"): mark exactly one claim PREFERRED and say why in a note',
      'sources disagree on Figure.asStated ("4.2 billion USD", "3.9 billion USD"): mark exactly one claim PREFERRED and say why in a note',
    ]);
  });

  it('prints every problem from the command line and exits non-zero, writing nothing', async () => {
    const before = await tableChecksums(ds);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-')), 'broken.yaml');
    fs.writeFileSync(
      file,
      cases.slice(0, 2).reduce((y, [, mutate]) => mutate(y), VALID),
    );
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'ingest', 'cli.js'), file], {
      env: { ...process.env, DATABASE_URL: db.url, SOURCES_DIR: SOURCES },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/The input is invalid \(2 problems\); nothing was written/);
    expect(run.stderr).toMatch(
      /broken\.yaml: entities\[4\] \(AgreementParty steppe-memorandum--kazakhstan-test\)\.claims\[0\]\.values\.party: unknown reference atlantis/,
    );
    expect(await tableChecksums(ds)).toEqual(before);
  });
});
