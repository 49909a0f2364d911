/**
 * `npm run seed:report`: loads the seed (idempotently) and prints what the graph holds: entities per type,
 * what each document supports, what a curator reviews per document (inferred, deprecated and competing
 * claims), and every entity or citation that fails the provenance rules. Exits non-zero when any entity
 * has no citation.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { ENTITY_TYPE_NAMES } from '../provenance/entity-types';
import { curationCounts, type CitedClaimRow } from './curation-counts';
import { loadFiles } from './load';
import { readInputs, SEED_DOCUMENTS_DIR } from './read-inputs';

type Row = Record<string, string | number | null>;

function table(rows: Row[], columns: string[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c] ?? '')))),
  ].join('\n');
}

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const ds = database.dataSource;
    await loadFiles(ds, readInputs([SEED_DOCUMENTS_DIR]), { sourcesDir: config.sourcesDir });
    const byType = (await ds.query('SELECT type, COUNT(*) AS entities FROM entity GROUP BY type')) as Row[];
    const claims = (await ds.query(
      'SELECT subject_type AS type, COUNT(*) AS claims FROM claim GROUP BY subject_type',
    )) as Row[];
    const types = ENTITY_TYPE_NAMES.map((type) => ({
      type,
      entities: Number(byType.find((r) => r.type === type)?.entities ?? 0),
      claims: Number(claims.find((r) => r.type === type)?.claims ?? 0),
    }));
    const total = {
      type: 'total',
      entities: types.reduce((n, t) => n + t.entities, 0),
      claims: types.reduce((n, t) => n + t.claims, 0),
    };
    process.stdout.write(
      `Entities and claims per type\n${table([...types, total], ['type', 'entities', 'claims'])}\n\n`,
    );

    const documents = (await ds.query(
      `SELECT d.id AS document, COUNT(ci.id) AS citations, COUNT(DISTINCT ci.claim_id) AS claims, COUNT(DISTINCT cl.subject_id) AS entities,
              SUM(ci.span_start IS NULL) AS unverified, IF(d.text IS NULL, 'no', 'yes') AS text
         FROM document d LEFT JOIN citation ci ON ci.document_id = d.id LEFT JOIN claim cl ON cl.id = ci.claim_id
        GROUP BY d.id ORDER BY d.id`,
    )) as Row[];
    process.stdout.write(
      `What each document supports\n${table(documents, ['document', 'entities', 'claims', 'citations', 'unverified', 'text'])}\n\n`,
    );

    const uncited = (await ds.query(
      `SELECT e.type, e.id FROM entity e
        WHERE NOT EXISTS (SELECT 1 FROM claim cl JOIN citation ci ON ci.claim_id = cl.id WHERE cl.subject_id = e.id)
        ORDER BY e.type, e.id`,
    )) as Row[];
    const cited = (await ds.query(
      `SELECT cl.id AS claimId, cl.subject_type AS subjectType, cl.subject_id AS subjectId, cl.field, cl.rank,
              cl.inferred, ci.document_id AS documentId
         FROM claim cl JOIN citation ci ON ci.claim_id = cl.id`,
    )) as (Omit<CitedClaimRow, 'inferred'> & { inferred: number })[];
    const curation = curationCounts(cited.map((r) => ({ ...r, inferred: Number(r.inferred) === 1 })));
    process.stdout.write(
      `What a curator reviews, per document (competing: a single-valued field with more than one non-deprecated value; unranked: competing with none PREFERRED)\n${table(
        [...curation.documents, curation.total] as unknown as Row[],
        ['document', 'claims', 'inferred', 'deprecated', 'competing', 'unranked'],
      )}\n\n`,
    );
    const unranked = curation.competing.filter((c) => !c.preferred).length;
    process.stdout.write(
      `Fields with competing claims: ${curation.competing.length} (settled by a PREFERRED claim: ${curation.competing.length - unranked}, unranked: ${unranked})\n`,
    );
    if (curation.competing.length)
      process.stdout.write(
        `${table(
          curation.competing.map((c) => ({ ...c, preferred: c.preferred ? 'yes' : 'no' })),
          ['type', 'id', 'field', 'claims', 'preferred'],
        )}\n`,
      );
    process.stdout.write(`Claims marked as the curator's inference: ${curation.total.inferred}\n`);
    if (!config.sourcesDir)
      process.stdout.write(
        'SOURCES_DIR is unset: quotes were not checked against the documents in this run.\n',
      );
    process.stdout.write(`Entities without a citation: ${uncited.length}\n`);
    if (uncited.length) {
      process.stdout.write(`${table(uncited, ['type', 'id'])}\n`);
      return 1;
    }
    return 0;
  } finally {
    await database.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`seed:report failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
