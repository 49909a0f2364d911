/**
 * The count of a timeline of several participants stops at its cap (TIMELINE_COUNT_CAP) and says so; when
 * one participant's own timeline (whose count the ingest keeps) already passes the cap, the count of any
 * of them reads no entries at all.
 */
import mysql from 'mysql2/promise';
import { TIMELINE_COUNT_CAP } from '../../src/discovery/timeline-index';
import { refreshDerivedData } from '../../src/ingest/derived-data';
import { toGlobalId } from '../../src/provenance/ids';
import { observeStatements, rowsRead, type ObservedStatement } from '../support/analyze';
import { freshDatabase } from '../support/database';
import { startTestService, type TestService } from '../support/service';

const BUSY = TIMELINE_COUNT_CAP + 200; // events of zz-c1; every other one is zz-c2's as well
let db: Awaited<ReturnType<typeof freshDatabase>>;
let api: TestService;
let admin: mysql.Connection;
let statements: ObservedStatement[] = [];

beforeAll(async () => {
  db = await freshDatabase('eurasia_graph_timeline_cap');
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(
      "INSERT INTO country (id, name) VALUES ('zz-c1', 'Busyland'), ('zz-c2', 'Halfland'), ('zz-c3', 'Quietland')",
    );
    await runner.query(
      `INSERT INTO event (id, name, start) SELECT CONCAT('zz-e', seq), CONCAT('Meeting ', seq),
        DATE_FORMAT(DATE_ADD('2000-01-01', INTERVAL seq DAY), '%Y-%m-%d') FROM seq_1_to_${BUSY}`,
    );
    await runner.query(
      `INSERT INTO event_participant (id, event_id, participant_id, participant_type, role)
        SELECT CONCAT('zz-ep1-', seq), CONCAT('zz-e', seq), 'zz-c1', 'Country', 'ATTENDEE' FROM seq_1_to_${BUSY}
        UNION ALL
        SELECT CONCAT('zz-ep2-', seq), CONCAT('zz-e', seq), 'zz-c2', 'Country', 'ATTENDEE' FROM seq_1_to_${BUSY} WHERE seq % 2 = 0`,
    );
    await refreshDerivedData(runner, 'all');
  } finally {
    await runner.release();
  }
  admin = await mysql.createConnection(db.url);
  api = await startTestService({ databaseUrl: db.url });
  statements = observeStatements();
}, 120_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await api?.stop();
  await admin?.end();
  await db?.drop();
});

const country = (slug: string) => toGlobalId('Country', slug);

async function count(participants: string[], from?: string) {
  statements.length = 0;
  const { body } = await api.gql(
    'query($p: [ID!], $from: String) { timeline(participants: $p, participantsMatch: ANY, from: $from, first: 5) { totalCount totalCountIsLowerBound edges { cursor } } }',
    { p: participants.map(country), from },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.timeline as { totalCount: number; totalCountIsLowerBound: boolean; edges: unknown[] };
}

describe('Timeline: the count of several participants past its cap', () => {
  it("stops at the cap without reading entries when one participant's kept count passes it", async () => {
    const any = await count(['zz-c1', 'zz-c2']);
    expect(any).toMatchObject({ totalCount: TIMELINE_COUNT_CAP, totalCountIsLowerBound: true });
    expect(any.edges).toHaveLength(5);
    // a count of the union read 1,001 entries of each timeline
    const counting = statements.find((s) => /COUNT\(DISTINCT/.test(s.sql))!;
    expect(await rowsRead(admin, counting)).toBeLessThan(10);
  });

  it('counts exactly below the cap, and past it with a date filter', async () => {
    expect(await count(['zz-c2', 'zz-c3'])).toMatchObject({
      totalCount: BUSY / 2,
      totalCountIsLowerBound: false,
    });
    expect(await count(['zz-c1', 'zz-c3'], '2000')).toMatchObject({
      totalCount: TIMELINE_COUNT_CAP,
      totalCountIsLowerBound: true,
    });
    expect(await count(['zz-c2', 'zz-c3'], '2002')).toMatchObject({
      // 2002-01-01 is day 731 after 2000-01-01: zz-c2's events from there are the even days 732 to BUSY
      totalCount: (BUSY - 732) / 2 + 1,
      totalCountIsLowerBound: false,
    });
  });
});
