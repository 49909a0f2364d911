/**
 * Per-request DataLoaders. Batch functions read raw rows with one statement per batch (no entity
 * hydration on the hot path), and every loader caps its batch well below the 65,535-placeholder limit.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database';
import { ENTITY_TYPES, type EntityTypeName } from '../provenance/entity-types';
import { DOCUMENT_COLUMNS, documentColumns } from '../provenance/models';

export const MAX_BATCH = 500;

/** How document columns are named beside a citation's (no citation column starts so). */
const DOCUMENT_PREFIX = 'document.';

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

/** The columns an entity model is made of (provenance/models.ts), per type. */
const MODEL_COLUMNS = new Map<EntityTypeName, string[]>(
  Object.values(ENTITY_TYPES).map((spec) => [
    spec.name,
    [
      'id',
      'rank',
      ...spec.fields.flatMap((f) =>
        !f.column
          ? []
          : f.kind === 'ref' && (f.targets?.length ?? 0) > 1
            ? [f.column, f.column.replace(/_id$/, '_type')]
            : [f.column],
      ),
    ],
  ]),
);

/**
 * An entity list's select list: only the columns its model is made of, for lists whose rows become models
 * (`toEntityModel`). A table's other columns (list sort keys, the earliest and latest day of each date) are
 * read by the statement's conditions, not by the model: selecting them cost a decoded string per column per row.
 */
export function entityColumns(type: EntityTypeName): string {
  return MODEL_COLUMNS.get(type)!
    .map((c) => `t.\`${c}\``)
    .join(', ');
}

/**
 * Rows of some entity types by id (one `?` per type, for its ids): for one type its model's columns; for
 * several, a UNION ALL in the columns of all of them (NULL where a type has none), so that a whole level
 * of a query is one statement however many types it mixes. Values come back as the union's common type
 * (a number may come back as text), which the models convert anyway. Made once per set of types.
 */
const entityRowsSql = memoize((types: EntityTypeName[]): string => {
  const all = [...new Set(types.flatMap((t) => MODEL_COLUMNS.get(t)!))];
  const select = (type: EntityTypeName) => {
    const own = new Set(MODEL_COLUMNS.get(type));
    const columns = all.map((c) => (own.has(c) ? `t.\`${c}\`` : `NULL AS \`${c}\``));
    return `SELECT '${type}' AS _row_type, ${columns.join(', ')} FROM \`${ENTITY_TYPES[type].table}\` t WHERE t.id IN (?)`;
  };
  return types.length === 1 ? select(types[0]!) : types.map((t) => `(${select(t)})`).join(' UNION ALL ');
});

function memoize(make: (types: EntityTypeName[]) => string): (types: EntityTypeName[]) => string {
  const made = new Map<string, string>();
  return (types) => {
    const key = types.join(',');
    let sql = made.get(key);
    if (sql === undefined) made.set(key, (sql = make(types)));
    return sql;
  };
}

export class Loaders {
  private readonly custom = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly db: Database) {}

  /**
   * Rows of any entity type, keyed "Type:slug". One batch reads the tables of all its types in one
   * statement and resolves together: a level of the query that mixes types (a membership's member is a
   * country or an organization) stays one level and one statement, so the loads below it batch too.
   */
  readonly entities = new DataLoader<string, Row | null>(
    async (keys) => {
      const byType = new Map<EntityTypeName, string[]>();
      for (const key of keys) {
        const [type, slug] = key.split(':') as [EntityTypeName, string];
        const slugs = byType.get(type);
        if (slugs) slugs.push(slug);
        else byType.set(type, [slug]);
      }
      // in a fixed order, so that there are at most as many statement texts as sets of types
      const types = [...byType.keys()].sort();
      const rows = await this.db.query<Row>(
        entityRowsSql(types),
        types.map((t) => byType.get(t)!),
      );
      const found = new Map<string, Row>();
      for (const row of rows) found.set(`${String(row._row_type)}:${String(row.id)}`, row);
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

  /**
   * Citations with their documents in one statement: `sources { document { ... } }` asks for both nearly
   * always, so each document read here is put in `documentsById`, which then runs no statement of its own.
   */
  get citationsByClaim(): DataLoader<string, Row[]> {
    return this.keyed('citationsByClaim', async (ids) =>
      groupBy(
        ids,
        this.withDocuments(
          await this.db.query<Row>(
            `SELECT ci.*, ${documentColumns('d', DOCUMENT_PREFIX)} FROM citation ci
               LEFT JOIN document d ON d.id = ci.document_id
              WHERE ci.claim_id IN (?) ORDER BY ci.claim_id, ci.position`,
            [ids],
          ),
        ),
        'claim_id',
      ),
    );
  }

  /**
   * The citations (with their documents) of some fields' claims, by subject, in one statement: what a
   * relationship's `sources` needs, without reading its claims first. In the claims' order, then each
   * claim's citations in theirs.
   */
  citationsBySubject(fields: readonly string[]): DataLoader<string, Row[]> {
    return this.keyed(`citationsBySubject:${fields.join(',')}`, async (ids) =>
      groupBy(
        ids,
        this.withDocuments(
          await this.db.query<Row>(
            `SELECT ci.*, c.subject_id AS claim_subject_id, ${documentColumns('d', DOCUMENT_PREFIX)} FROM claim c
               JOIN citation ci ON ci.claim_id = c.id
               LEFT JOIN document d ON d.id = ci.document_id
              WHERE c.subject_id IN (?) AND c.field IN (?) ORDER BY c.subject_id, c.position, ci.position`,
            [ids, fields],
          ),
        ),
        'claim_subject_id',
      ),
    );
  }

  /** Splits rows of citations joined with their documents; the documents go to `documentsById`. */
  private withDocuments(rows: Row[]): Row[] {
    const documents = new Map<string, Row>();
    const citations = rows.map((row) => {
      const citation: Row = {};
      const document: Row = {};
      for (const column in row) {
        if (column.startsWith(DOCUMENT_PREFIX)) document[column.slice(DOCUMENT_PREFIX.length)] = row[column];
        else citation[column] = row[column];
      }
      if (document.id !== null && document.id !== undefined) documents.set(String(document.id), document);
      return citation;
    });
    const byId = this.documentsById;
    for (const [id, document] of documents) byId.prime(id, document);
    return citations;
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
