/**
 * Plans of the discovery statements (search, timeline, relations) on large tables: a fresh database is
 * filled with MariaDB's sequence engine (seq_1_to_N), the derived tables are rebuilt as the ingest would,
 * the reference operations run through HTTP, and every statement they ran is run again under
 * `ANALYZE FORMAT=JSON`, which reports the rows each table access read. The rows read must stay within a
 * bound that does not depend on N, and no large table may be scanned in full.
 */
import mysql from 'mysql2/promise';
import { Database, type SqlValue } from '../../src/db/database';
import { FULL_TEXT_CANDIDATES, MAX_SEARCH_WORDS, SEARCH_WINDOW } from '../../src/discovery/search-limits';
import { refreshDerivedData } from '../../src/ingest/derived-data';
import { toGlobalId } from '../../src/provenance/ids';
import { freshDatabase } from './database';
import { startTestService, type TestService } from './service';

const COUNTRIES = 200;
const ORGANIZATIONS = 1000;

/** Fills the tables search, timeline and relations read: `events` events, half as many agreements, and the rest. */
async function fill(db: mysql.Connection, events: number): Promise<void> {
  const seq = (n: number) => `seq_1_to_${Math.max(1, Math.floor(n))}`;
  const date = `CASE WHEN seq % 17 = 0 THEN 'unknown' WHEN seq % 10 = 0 THEN CAST(1950 + seq % 75 AS CHAR)
      WHEN seq % 10 = 1 THEN CONCAT(1950 + seq % 75, '-', LPAD(1 + seq % 12, 2, '0'))
      ELSE CONCAT(1950 + seq % 75, '-', LPAD(1 + seq % 12, 2, '0'), '-', LPAD(1 + seq % 28, 2, '0')) END`;
  const statements = [
    `INSERT INTO country (id, name) SELECT CONCAT('c-', seq), CONCAT('Country ', seq) FROM ${seq(COUNTRIES)}`,
    `INSERT INTO organization (id, name, kind, summary) SELECT CONCAT('org-', seq), CONCAT('Organization ', seq, ' for transit cooperation'),
       'INTERGOVERNMENTAL', CONCAT('A body for transit and trade number ', seq) FROM ${seq(ORGANIZATIONS)}`,
    `INSERT INTO event (id, name, kind, start, summary) SELECT CONCAT('ev-', seq), CONCAT('Synthetic summit ', seq),
       ELT(1 + seq % 3, 'SUMMIT', 'FORUM', 'CONFERENCE'), ${date}, CONCAT('Leaders met on transit corridor ', seq) FROM ${seq(events)}`,
    `INSERT INTO event_participant (id, event_id, participant_id, participant_type, role)
       SELECT CONCAT('ep-', s.seq, '-', k.seq), CONCAT('ev-', s.seq), CONCAT('c-', 1 + (s.seq * (2 * k.seq + 1) + k.seq) % ${COUNTRIES}), 'Country', 'ATTENDEE'
         FROM ${seq(events)} s JOIN seq_1_to_3 k`,
    `INSERT INTO agreement (id, name, kind, signed, summary) SELECT CONCAT('ag-', seq), CONCAT('Synthetic treaty ', seq),
       ELT(1 + seq % 2, 'TREATY', 'MEMORANDUM'), ${date}, CONCAT('Parties agree on transit tariffs ', seq) FROM ${seq(events / 2)}`,
    `INSERT INTO agreement_party (id, agreement_id, party_id, party_type, role)
       SELECT CONCAT('ap-', s.seq, '-', k.seq), CONCAT('ag-', s.seq), CONCAT('c-', 1 + (s.seq * (2 * k.seq + 3) + k.seq) % ${COUNTRIES}), 'Country', 'PARTY'
         FROM ${seq(events / 2)} s JOIN seq_1_to_2 k`,
    `INSERT INTO membership (id, member_id, member_type, organization_id, status)
       SELECT CONCAT('m-', s.seq), CONCAT('c-', 1 + s.seq % ${COUNTRIES}), 'Country', CONCAT('org-', 1 + FLOOR(s.seq / ${COUNTRIES}) % ${ORGANIZATIONS}), 'MEMBER'
         FROM ${seq(events / 2)} s`,
    `INSERT INTO figure (id, subject_id, subject_type, counterpart_id, counterpart_type, metric, value, period)
       SELECT CONCAT('f-', seq), CONCAT('c-', 1 + seq % ${COUNTRIES}), 'Country', CONCAT('c-', 1 + (seq * 7) % ${COUNTRIES}), 'Country', 'EXPORTS', seq, CAST(1990 + seq % 35 AS CHAR)
         FROM ${seq(events / 10)}`,
    `INSERT INTO entity (id, type) SELECT id, 'Country' FROM country UNION ALL SELECT id, 'Organization' FROM organization
       UNION ALL SELECT id, 'Event' FROM event UNION ALL SELECT id, 'Agreement' FROM agreement`,
    `INSERT INTO entity_name (entity_id, entity_type, kind, name, name_key)
       SELECT id, 'Country', 'NAME', name, LOWER(name) FROM country UNION ALL SELECT id, 'Organization', 'NAME', name, LOWER(name) FROM organization
       UNION ALL SELECT id, 'Event', 'NAME', name, LOWER(name) FROM event UNION ALL SELECT id, 'Agreement', 'NAME', name, LOWER(name) FROM agreement`,
    `INSERT INTO document (id, title, kind, quality_notes, seed_hash)
       SELECT CONCAT('doc-', seq), CONCAT('Report ', seq, IF(seq % 5 = 0, ' on transit routes', ' on trade')), 'REPORT', '[]', REPEAT('0', 64) FROM ${seq(events / 10)}`,
    `INSERT INTO claim (id, subject_id, subject_type, field, value, \`rank\`, position)
       SELECT LPAD(seq, 24, '0'), CONCAT('ev-', seq), 'Event', 'name', CONCAT('Synthetic summit ', seq), 'NORMAL', 1 FROM ${seq(events)}`,
    `INSERT INTO citation (id, claim_id, document_id, quote, position)
       SELECT LPAD(seq, 24, '0'), LPAD(seq, 24, '0'), CONCAT('doc-', 1 + seq % ${Math.max(1, Math.floor(events / 10))}),
              CONCAT('The summit number ', seq, IF(seq % 3 = 0, ' discussed transit through the corridor', ' discussed energy')), 1 FROM ${seq(events)}`,
  ];
  for (const sql of statements) await db.query(sql);
}

export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /**
   * The most rows any of its statements may read with `events` events. A constant for pages and capped
   * counts (a union of derived rows is read twice); one country's own list where the read follows it: an
   * intersection with few common entries, or filters (kinds) checked along the country's date range.
   * A country has about events / 50 entries here.
   */
  maxRowsRead: (events: number) => number;
  /**
   * How many statements of its own it runs (besides the loaders' batches of entities by id, one per
   * type on the page): the same on 20,000 and on 200,000 events.
   */
  statements: number;
}

/** The page, the windows and the caps bound these reads, whatever the size of the tables. */
const constant = (rows: number) => () => rows;
const perCountry = (events: number) => 200 + Math.ceil(events / 40);
/**
 * Six full-text sources, each ranking at most FULL_TEXT_CANDIDATES matches and reading its window twice
 * more as derived tables, the name ranges (exact, prefix, one per word), and the merged hits.
 */
const searchBound = constant(
  6 * (FULL_TEXT_CANDIDATES + 2 * SEARCH_WINDOW) + (2 + MAX_SEARCH_WORDS) * SEARCH_WINDOW * 3,
);

/** The operations of search, timeline and relations whose statements are checked. */
export function referenceOperations(): Operation[] {
  const country = (n: number) => toGlobalId('Country', `c-${n}`);
  return [
    {
      name: 'one-word search',
      statements: 2,
      maxRowsRead: searchBound,
      query:
        '{ search(text: "transit", first: 20) { totalCount totalCountIsLowerBound edges { score node { __typename } } } }',
    },
    {
      name: 'two-word search',
      statements: 2,
      maxRowsRead: searchBound,
      query: '{ search(text: "summit 1234", first: 20) { totalCount edges { score node { __typename } } } }',
    },
    {
      name: 'name prefix search',
      statements: 2,
      maxRowsRead: searchBound,
      query: '{ search(text: "Country 1", first: 20) { totalCount edges { score } } }',
    },
    {
      name: 'whole timeline',
      statements: 2,
      maxRowsRead: constant(101),
      query: '{ timeline(first: 20) { totalCount edges { date { text } } } }',
    },
    {
      name: 'timeline page after a cursor',
      statements: 2,
      maxRowsRead: constant(101),
      query:
        '{ timeline(first: 20, after: "WyIyMDAwLTAwLTAwfEV2ZW50IiwiZXYtMCJd") { totalCount edges { date { text } } } }',
    },
    {
      name: 'timeline of five countries, any (first 100)',
      statements: 2,
      maxRowsRead: constant(2 * 5 * 1001),
      query:
        'query($p: [ID!]) { timeline(participants: $p, participantsMatch: ANY, first: 100) { totalCount totalCountIsLowerBound edges { date { text } } } }',
      variables: { p: [1, 2, 3, 4, 5].map(country) },
    },
    {
      name: 'timeline of two countries, all',
      statements: 3,
      maxRowsRead: perCountry,
      query:
        'query($p: [ID!]) { timeline(participants: $p, first: 20) { totalCount edges { date { text } } } }',
      variables: { p: [country(1), country(2)] },
    },
    {
      name: 'timeline of one country in a date range, some kinds',
      statements: 2,
      maxRowsRead: perCountry,
      query:
        'query($p: [ID!]) { timeline(participants: $p, from: "1990", to: "2000-06", kinds: [SUMMIT, TREATY], first: 20) { totalCount edges { date { text } } } }',
      variables: { p: [country(3)] },
    },
    {
      name: 'relations of two countries',
      statements: 13,
      maxRowsRead: perCountry,
      query: `query($b: [ID!]!) { relations(between: $b) {
        sharedMemberships(first: 20) { totalCount nodes { organization { name } memberships { status } } }
        memberships(first: 20) { totalCount nodes { status } }
        agreements(first: 20) { totalCount nodes { name } }
        events(first: 20) { totalCount nodes { name } }
        projects(first: 20) { totalCount nodes { name } }
        figures(first: 20) { totalCount nodes { value } } } }`,
      variables: { b: [country(1), country(2)] },
    },
  ];
}

export interface StatementPlan {
  operation: string;
  sql: string;
  /** Rows read by every table access of the statement (r_loops x r_rows, summed). */
  rowsRead: number;
  /** Real tables read in full (access type ALL) that hold more than a thousand rows. */
  fullScans: string[];
  /** A loader's batch of entities or documents by id. */
  loader: boolean;
}

type Json = Record<string, unknown>;

function walk(node: unknown, visit: (table: Json) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.table && typeof o.table === 'object') visit(o.table as Json);
    for (const v of Object.values(o)) walk(v, visit);
  }
}

export interface ScaleDatabase {
  events: number;
  service: TestService;
  plans(operations: Operation[]): Promise<StatementPlan[]>;
  close(): Promise<void>;
}

export async function startScaleDatabase(name: string, events: number): Promise<ScaleDatabase> {
  const db = await freshDatabase(name);
  const url = new URL(db.url);
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port),
    user: url.username || 'root',
    database: name,
  });
  let service: TestService | undefined;
  try {
    await fill(conn, events);
    const runner = db.dataSource.createQueryRunner();
    try {
      await refreshDerivedData(runner, 'all');
    } finally {
      await runner.release();
    }
    const tables = ((await conn.query('SHOW TABLES')) as unknown as Record<string, string>[][])[0]!.map(
      (t) => Object.values(t)[0]!,
    );
    await conn.query(`ANALYZE TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
    service = await startTestService({ databaseUrl: db.url });
  } catch (error) {
    await conn.end();
    await db.drop();
    throw error;
  }
  const running = service;
  return {
    events,
    service: running,
    async plans(operations) {
      const out: StatementPlan[] = [];
      for (const op of operations) {
        const spy = jest.spyOn(Database.prototype, 'query');
        try {
          const { body } = await running.gql(op.query, op.variables);
          expect(body.errors).toBeUndefined();
          const calls = spy.mock.calls.map(
            ([sql, params]) => [sql, params ?? []] as [string, readonly SqlValue[]],
          );
          spy.mockRestore();
          for (const [sql, params] of calls) {
            const [rows] = (await conn.query(
              `ANALYZE FORMAT=JSON ${sql}`,
              params as unknown[],
            )) as unknown as [{ ANALYZE: string }[]];
            let rowsRead = 0;
            const fullScans: string[] = [];
            walk(JSON.parse(rows[0]!.ANALYZE), (t) => {
              const read = Number(t.r_loops ?? 0) * Number(t.r_rows ?? 0);
              rowsRead += read;
              const table = String(t.table_name);
              if (t.access_type === 'ALL' && !table.startsWith('<') && read > 1000) fullScans.push(table);
            });
            const text = sql.replace(/\s+/g, ' ').trim();
            out.push({
              operation: op.name,
              sql: text.slice(0, 160),
              rowsRead,
              fullScans,
              // one table's rows by id, or a UNION ALL of such (the entities of several types)
              loader: text
                .split(' UNION ALL ')
                .every((part) =>
                  /^SELECT .* FROM `?\w+`?( \w+)? WHERE (\w+\.)?id IN \(\?\)$/.test(
                    part.replace(/^\((.*)\)$/, '$1'),
                  ),
                ),
            });
          }
        } finally {
          spy.mockRestore();
        }
      }
      return out;
    },
    async close() {
      await running.stop();
      await conn.end();
      await db.drop();
    },
  };
}
