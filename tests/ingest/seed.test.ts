import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadFiles } from '../../src/ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../../src/ingest/read-inputs';
import { freshDatabase, tableChecksums } from '../support/database';
import { ROOT, SOURCES_DIR } from '../support/environment';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase('seed_test');
});
afterAll(() => db.drop());

describe('Seed: the curated graph', () => {
  it('loads every document with every citation at its span (with SOURCES_DIR: verified, texts stored)', async () => {
    const result = await loadFiles(db.dataSource, readInputs([SEED_DOCUMENTS_DIR]), {
      sourcesDir: SOURCES_DIR,
    });
    expect(result.documentsLoaded).toHaveLength(6);
    const docs = (await db.dataSource.query(
      'SELECT id, text IS NOT NULL AS has_text FROM document ORDER BY id',
    )) as { id: string; has_text: number }[];
    expect(docs.filter((d) => Number(d.has_text) === 1)).toHaveLength(SOURCES_DIR ? 5 : 0);
    const unlocated = (await db.dataSource.query(
      "SELECT COUNT(*) AS n FROM citation WHERE span_start IS NULL AND document_id <> 'iso-3166-1'",
    )) as { n: string }[];
    expect(Number(unlocated[0]!.n)).toBe(0);
  });

  it('is a no-op the second time: same counts, same ids, same bytes', async () => {
    const before = await tableChecksums(db.dataSource);
    const ids = await db.dataSource.query('SELECT id FROM entity ORDER BY id');
    const result = await loadFiles(db.dataSource, readInputs([SEED_DOCUMENTS_DIR]), {
      sourcesDir: SOURCES_DIR,
    });
    expect(result.documentsLoaded).toEqual([]);
    expect(await db.dataSource.query('SELECT id FROM entity ORDER BY id')).toEqual(ids);
    expect(await tableChecksums(db.dataSource)).toEqual(before);
  });

  it('passes the report: counts per type and per document, no entity without a citation', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'ingest', 'report-cli.js')], {
      env: { ...process.env, DATABASE_URL: db.url, SOURCES_DIR },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Country\s+\d+\s+\d+$/m);
    expect(run.stdout).toMatch(/^samarkand-declaration-central-asia-eu\s+\d+/m);
    expect(run.stdout).toContain('Entities without a citation: 0');
    // per document: claims, inferred, deprecated, competing, unranked; no competing claim is left unranked
    expect(run.stdout).toMatch(/^samarkand-declaration-central-asia-eu(\s+\d+){4}\s+0$/m);
    expect(run.stdout).toMatch(/^total(\s+\d+){4}\s+0$/m);
    expect(run.stdout).toMatch(
      /^Fields with competing claims: \d+ \(settled by a PREFERRED claim: \d+, unranked: 0\)$/m,
    );
    // without the texts, the report says that quotes were not checked against them
    expect(run.stdout.includes('SOURCES_DIR is unset')).toBe(!SOURCES_DIR);
  });
});
