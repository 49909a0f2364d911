/**
 * Reads the graph for the export in keyset batches on one connection holding a consistent, read-only
 * snapshot: a long export sees one version of the data even when an ingest commits meanwhile, and memory
 * holds one batch at a time. Every statement reads through an index, in proportion to what it returns.
 */
import type { QueryRunner } from 'typeorm';
import type { Database } from '../db/database';
import { notifyStatement } from '../db/request-stats';
import type { ClaimRow, CitationRow, DocumentRow, EntityRow } from './quads';

export interface EntityBatch {
  entities: EntityRow[];
  claims: ClaimRow[];
  citations: CitationRow[];
}

const CLAIMS = `SELECT cl.id, cl.subject_id, cl.field, cl.value, cl.value_ref, e.type AS value_type, cl.rank,
       cl.valid_from, cl.valid_to, cl.inferred, cl.note
  FROM claim cl LEFT JOIN entity e ON e.id = cl.value_ref
 WHERE cl.subject_id IN (?) ORDER BY cl.subject_id, cl.position`;
const CITATIONS = `SELECT id, claim_id, document_id, quote, span_start, span_end, quote_prefix, quote_suffix, note
  FROM citation WHERE claim_id IN (?) ORDER BY claim_id, position`;
const DOCUMENTS = `SELECT id, title, publisher, author, url, published, kind, language, text_hash FROM document`;

export class GraphSnapshot {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly database: Database,
    /** The data version the snapshot holds: the export's ETag. */
    readonly version: string,
  ) {}

  static async open(database: Database): Promise<GraphSnapshot> {
    const runner = database.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
      const [row] = (await runner.query('SELECT version FROM data_version WHERE id = 1')) as {
        version: string | number;
      }[];
      return new GraphSnapshot(runner, database, String(row?.version ?? 0));
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.runner.query('COMMIT');
    } finally {
      await this.runner.release();
    }
  }

  /** The next `size` entities after `after` (by id), with their names, claims and citations. */
  async entitiesAfter(after: string, size: number): Promise<EntityBatch> {
    const entities = await this.query<{ id: string; type: EntityRow['type'] }>(
      'SELECT id, type FROM entity WHERE id > ? ORDER BY id LIMIT ?',
      [after, size],
    );
    return this.withClaims(entities);
  }

  /** One entity by its id and type, or undefined. */
  async entity(slug: string, type: EntityRow['type']): Promise<EntityBatch | undefined> {
    const entities = await this.query<{ id: string; type: EntityRow['type'] }>(
      'SELECT id, type FROM entity WHERE id = ? AND type = ?',
      [slug, type],
    );
    return entities.length === 0 ? undefined : this.withClaims(entities);
  }

  async documentsAfter(after: string, size: number): Promise<DocumentRow[]> {
    return this.query<DocumentRow>(`${DOCUMENTS} WHERE id > ? ORDER BY id LIMIT ?`, [after, size]);
  }

  async documents(ids: string[]): Promise<DocumentRow[]> {
    return ids.length === 0 ? [] : this.query<DocumentRow>(`${DOCUMENTS} WHERE id IN (?) ORDER BY id`, [ids]);
  }

  private async withClaims(entities: { id: string; type: EntityRow['type'] }[]): Promise<EntityBatch> {
    if (entities.length === 0) return { entities: [], claims: [], citations: [] };
    const ids = entities.map((e) => e.id);
    const names = await this.query<{ entity_id: string; name: string }>(
      "SELECT entity_id, name FROM entity_name WHERE entity_id IN (?) AND kind = 'NAME'",
      [ids],
    );
    const nameOf = new Map(names.map((n) => [n.entity_id, n.name]));
    const claims = await this.query<ClaimRow>(CLAIMS, [ids]);
    const citations =
      claims.length === 0 ? [] : await this.query<CitationRow>(CITATIONS, [claims.map((c) => c.id)]);
    return {
      entities: entities.map((e) => ({ ...e, name: nameOf.get(e.id) ?? null })),
      claims,
      citations,
    };
  }

  private async query<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    notifyStatement(sql, params, undefined);
    return (await this.runner.query(this.database.timeLimited(sql), params)) as Row[];
  }
}
