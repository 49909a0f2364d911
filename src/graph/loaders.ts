/**
 * Per-request DataLoaders. Batch functions read raw rows with one statement per batch (no entity
 * hydration on the hot path), and every loader caps its batch well below the 65,535-placeholder limit.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database';
import { ENTITY_TYPES, type EntityTypeName } from '../provenance/entity-types';
import { DOCUMENT_COLUMNS } from '../provenance/models';

export const MAX_BATCH = 500;

export type Row = Record<string, unknown>;

/** Groups rows under their key, in key order; a key with no rows gets an empty list. */
function groupBy(keys: readonly string[], rows: Row[], column: string): Row[][] {
  const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(String(row[column]))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

function oneEach(keys: readonly string[], rows: Row[], column: string): (Row | null)[] {
  const found = new Map(rows.map((r) => [String(r[column]), r]));
  return keys.map((k) => found.get(k) ?? null);
}

export class Loaders {
  private readonly custom = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly db: Database) {}

  /**
   * Rows of any entity type, keyed "Type:slug". One batch reads each type's table once, all tables at
   * the same time, and resolves together: a level of the query that mixes types (a membership's member
   * is a country or an organization) stays one level, so the loads below it batch together too.
   */
  readonly entities = new DataLoader<string, Row | null>(
    async (keys) => {
      const byType = new Map<EntityTypeName, string[]>();
      for (const key of keys) {
        const [type, slug] = key.split(':') as [EntityTypeName, string];
        byType.set(type, [...(byType.get(type) ?? []), slug]);
      }
      const found = new Map<string, Row>();
      await Promise.all(
        [...byType].map(async ([type, slugs]) => {
          const rows = await this.db.query<Row>(
            `SELECT * FROM \`${ENTITY_TYPES[type].table}\` WHERE id IN (?)`,
            [slugs],
          );
          for (const row of rows) found.set(`${type}:${String(row.id)}`, row);
        }),
      );
      return keys.map((k) => found.get(k) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );

  /**
   * A loader made once per request under a name: for batch functions that are not simply "rows by id"
   * (claims by subject, members by organization with given page arguments...).
   */
  keyed<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.custom.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: MAX_BATCH });
      this.custom.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  get claimsBySubject(): DataLoader<string, Row[]> {
    return this.keyed('claimsBySubject', async (ids) =>
      groupBy(
        ids,
        // with the type of the entity a reference points to, so `valueNode` needs no lookup of its own
        await this.db.query<Row>(
          'SELECT c.*, e.type AS value_type FROM claim c LEFT JOIN entity e ON e.id = c.value_ref WHERE c.subject_id IN (?) ORDER BY c.subject_id, c.position',
          [ids],
        ),
        'subject_id',
      ),
    );
  }

  get claimsById(): DataLoader<string, Row | null> {
    return this.keyed('claimsById', async (ids) =>
      oneEach(ids, await this.db.query<Row>('SELECT * FROM claim WHERE id IN (?)', [ids]), 'id'),
    );
  }

  get citationsByClaim(): DataLoader<string, Row[]> {
    return this.keyed('citationsByClaim', async (ids) =>
      groupBy(
        ids,
        await this.db.query<Row>('SELECT * FROM citation WHERE claim_id IN (?) ORDER BY claim_id, position', [
          ids,
        ]),
        'claim_id',
      ),
    );
  }

  get namesByEntity(): DataLoader<string, Row[]> {
    return this.keyed('namesByEntity', async (ids) =>
      groupBy(
        ids,
        await this.db.query<Row>(
          'SELECT * FROM entity_name WHERE entity_id IN (?) ORDER BY entity_id, kind, name',
          [ids],
        ),
        'entity_id',
      ),
    );
  }

  get documentsById(): DataLoader<string, Row | null> {
    return this.keyed('documentsById', async (ids) =>
      oneEach(
        ids,
        await this.db.query<Row>(`SELECT ${DOCUMENT_COLUMNS} FROM document t WHERE t.id IN (?)`, [ids]),
        'id',
      ),
    );
  }
}
