import { loadSyntheticGraph } from '../../src/synthetic/load';
import { HISTORY_TABLES, seededDatabase, tableChecksums } from '../support/database';

/** Every family at its floor, about 6,600 claims: every index and key the rebuild drops has rows to rebuild. */
const EVENTS = 100;
const SEED = 11;

type Db = Awaited<ReturnType<typeof seededDatabase>>;
let kept: Db;
let rebuilt: Db;

beforeAll(async () => {
  kept = await seededDatabase('synthetic_indexes_kept');
  rebuilt = await seededDatabase('synthetic_indexes_rebuilt');
}, 120_000);
afterAll(async () => {
  await kept?.drop();
  await rebuilt?.drop();
});

describe('Synthetic graph: the large-load path', () => {
  it('stores the same rows and keys with its indexes and hash primary keys dropped and rebuilt as with them kept', async () => {
    const options = { events: EVENTS, seed: SEED };
    const a = await loadSyntheticGraph(kept.dataSource, kept.url, { ...options, rebuildIndexes: false });
    const b = await loadSyntheticGraph(rebuilt.dataSource, rebuilt.url, { ...options, rebuildIndexes: true });
    expect(b.tables).toEqual(a.tables);
    expect(a.tables['claim']!.rows).toBeGreaterThan(1000);
    expect(await tableChecksums(rebuilt.dataSource, { exceptTables: HISTORY_TABLES })).toEqual(
      await tableChecksums(kept.dataSource, { exceptTables: HISTORY_TABLES }),
    );
    // every index is back, the primary keys included, exactly as the migrations made them
    const indexes = async (db: Db) =>
      (await db.dataSource.query(
        `SELECT table_name AS t, index_name AS i, seq_in_index AS s, column_name AS c, non_unique AS u, index_type AS k
           FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY t, i, s`,
      )) as unknown[];
    const before = await indexes(kept);
    expect(before.length).toBeGreaterThan(50);
    expect(await indexes(rebuilt)).toEqual(before);
  }, 240_000);
});
