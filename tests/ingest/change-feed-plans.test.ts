/**
 * The change feed at scale, proven by plans: with 30,000 changed entities over 300 revisions and a revision
 * of 5,000 documents, every statement that `revisions`, `changes(since:)` and a revision's `documents` run
 * reads about one page of rows (ANALYZE counts the rows each table access really read).
 */
import mysql from 'mysql2/promise';
import type { SqlValue } from '../../src/db/database';
import { setStatementListener } from '../../src/db/request-stats';
import { freshDatabase } from '../support/database';
import { startTestService, type TestService } from '../support/service';

const REVISIONS = 300;
const ENTITIES = 30_000;
const DOCUMENTS = 5_000;
const PAGE = 20;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let api: TestService;
let admin: mysql.Connection;

beforeAll(async () => {
  db = await freshDatabase('change_feed_plans');
  const q = (sql: string) => db.dataSource.query(sql);
  // MariaDB's sequence engine (seq_1_to_N) writes the rows in one statement each
  await q(
    `INSERT INTO revision (id, created_at, source, documents, claims_added, claims_changed, claims_deprecated, claims_removed, entities_changed)
     SELECT seq, UTC_TIMESTAMP(3), 'INGEST', IF(seq = ${REVISIONS}, ${DOCUMENTS}, 0), 1, 0, 0, 0, ${ENTITIES / REVISIONS} FROM seq_1_to_${REVISIONS}`,
  );
  await q(
    `INSERT INTO entity_change (id, type, revision_id, removed)
     SELECT CONCAT('plan-entity-', seq), 'Country', 1 + seq MOD ${REVISIONS}, 0 FROM seq_1_to_${ENTITIES}`,
  );
  await q(
    `INSERT INTO document (id, title, kind, quality_notes, seed_hash)
     SELECT CONCAT('plan-doc-', LPAD(seq, 5, '0')), CONCAT('Document ', seq), 'REPORT', '[]', REPEAT('0', 64) FROM seq_1_to_${DOCUMENTS}`,
  );
  await q(`INSERT INTO revision_document (revision_id, id) SELECT ${REVISIONS}, id FROM document`);
  await q('ANALYZE TABLE revision, entity_change, revision_document, document');
  admin = await mysql.createConnection(db.url);
  api = await startTestService({ databaseUrl: db.url });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await admin?.end();
  await db?.drop();
});

interface TableRead {
  table: string;
  rows: number;
}

/** Every base-table access of an ANALYZE FORMAT=JSON plan, with the rows it really read. */
function tableReads(node: unknown, found: TableRead[] = []): TableRead[] {
  if (Array.isArray(node)) node.forEach((n) => tableReads(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.table_name === 'string' && !o.table_name.startsWith('<') && 'r_rows' in o)
      found.push({ table: o.table_name, rows: Math.round(Number(o.r_rows ?? 0) * Number(o.r_loops ?? 1)) });
    Object.values(o).forEach((v) => tableReads(v, found));
  }
  return found;
}

/** Runs a query over HTTP and ANALYZEs each statement it ran: the rows each statement's table accesses read. */
async function readsOf(query: string, variables: Record<string, unknown> = {}) {
  const ran: { sql: string; params: readonly SqlValue[] }[] = [];
  setStatementListener((sql, params) => ran.push({ sql, params: params as SqlValue[] }));
  let body;
  try {
    body = (await api.gql(query, variables)).body;
  } finally {
    setStatementListener(undefined);
  }
  expect(body.errors).toBeUndefined();
  const statements: { sql: string; rows: number }[] = [];
  for (const s of ran) {
    const [rows] = await admin.query(`ANALYZE FORMAT=JSON ${mysql.format(s.sql, s.params as never)}`);
    const plan = JSON.parse(String((rows as Record<string, string>[])[0]!.ANALYZE)) as unknown;
    statements.push({ sql: s.sql, rows: tableReads(plan).reduce((n, r) => n + r.rows, 0) });
  }
  /** The rows read by each statement that reads `table` (lists and loaders read it as `t`). */
  const reads = (table: string) =>
    statements.filter((st) => new RegExp(`FROM \`?${table}\`? t\\b`).test(st.sql)).map((st) => st.rows);
  return { data: body.data!, reads };
}

describe('Change feed: plans at scale', () => {
  it('revisions: the newest page reads one page of revisions', async () => {
    const { data, reads } = await readsOf(`{ revisions(first: ${PAGE}) { nodes { id } } }`);
    expect((data.revisions.nodes as { id: string }[]).map((n) => Number(n.id))).toEqual(
      Array.from({ length: PAGE }, (_, i) => REVISIONS - i),
    );
    expect(reads('revision')).toEqual([PAGE + 1]);
  });

  it('changes(since:) deep in the feed reads one page of entities and their revisions, page after page', async () => {
    const query = `query($after: String) { changes(since: "150", first: ${PAGE}, after: $after) {
      nodes { id revision { id } } pageInfo { endCursor } } }`;
    const first = await readsOf(query);
    const second = await readsOf(query, { after: first.data.changes.pageInfo.endCursor });
    for (const page of [first, second]) {
      const revisions = (page.data.changes.nodes as { revision: { id: string } }[]).map((n) =>
        Number(n.revision.id),
      );
      expect(revisions).toHaveLength(PAGE);
      expect(Math.min(...revisions)).toBe(151);
      expect(page.reads('entity_change')).toEqual([PAGE + 1]);
      // the revisions of the page in one statement, by primary key (every entity of the page changed in 151)
      expect(page.reads('revision')).toHaveLength(1);
      expect(page.reads('revision')[0]).toBeLessThanOrEqual(1);
    }
  });

  it('a revision of 5,000 documents pages them by one index range', async () => {
    const { data, reads } = await readsOf(
      `{ revisions(first: 1) { nodes { documentCount documents(first: ${PAGE}) { nodes { title } } } } }`,
    );
    const [revision] = data.revisions.nodes as { documentCount: number; documents: { nodes: unknown[] } }[];
    expect(revision!.documentCount).toBe(DOCUMENTS);
    expect(revision!.documents.nodes).toHaveLength(PAGE);
    expect(reads('revision_document')).toEqual([PAGE + 1]);
    expect(reads('document')).toEqual([PAGE]);
    expect(reads('revision')).toEqual([2]); // first: 1 reads one past the page
  });
});
