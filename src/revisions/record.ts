/**
 * Writing revisions. A revision is numbered by the data version it brings the data to: the ingest
 * advances the data version inside its transaction (src/cache/data-version.ts) and, when anything
 * changed, records the revision under that number, so "the data is at version N" and "revision N is the
 * last one applied" say the same thing. Versions advanced without a change leave gaps in the numbering.
 */
import type { QueryRunner } from 'typeorm';
import { advanceDataVersion } from '../cache/data-version';
import type { ClaimCounts } from './claim-changes';

/** Who made a revision. */
export type RevisionSource = 'INGEST' | 'SYNTHETIC' | 'BASELINE';

const CHUNK = 500;

/** Advances the data version and returns the new one: the number of a revision made in this transaction. */
export async function nextRevision(runner: QueryRunner): Promise<number> {
  await advanceDataVersion(runner);
  // the row is locked by the update until the transaction ends, so this reads this transaction's value
  const [row] = (await runner.query('SELECT version FROM data_version WHERE id = 1')) as {
    version: string | number;
  }[];
  return Number(row!.version);
}

export interface RevisionRecord {
  id: number;
  source: RevisionSource;
  /** The documents it loaded: ids, or a query selecting them (`SELECT id FROM document WHERE ...`). */
  documents: string[] | { select: string; params: unknown[] };
  counts: ClaimCounts;
  /**
   * Entities whose claims changed, with their type: each gets this revision in the change feed. A bulk
   * writer that fills the feed with its own statement gives none here and the number in `entitiesChanged`.
   */
  changedEntities: Map<string, string>;
  /** Of those, the ones that no longer exist. */
  removedEntities: Set<string>;
  entitiesChanged?: number;
}

/** Writes the revision, its documents and its entries in the change feed. */
export async function recordRevision(runner: QueryRunner, r: RevisionRecord): Promise<void> {
  if (Array.isArray(r.documents)) {
    const ids = [...new Set(r.documents)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await runner.query(
        `INSERT INTO revision_document (revision_id, id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flatMap((d) => [r.id, d]),
      );
    }
  } else {
    await runner.query(
      `INSERT INTO revision_document (revision_id, id) SELECT ?, d.id FROM (${r.documents.select}) d`,
      [r.id, ...r.documents.params],
    );
  }
  const changed = [...r.changedEntities];
  for (let i = 0; i < changed.length; i += CHUNK) {
    const chunk = changed.slice(i, i + CHUNK);
    await runner.query(
      `INSERT INTO entity_change (id, type, revision_id, removed) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE type = VALUES(type), revision_id = VALUES(revision_id), removed = VALUES(removed)`,
      chunk.flatMap(([id, type]) => [id, type, r.id, r.removedEntities.has(id) ? 1 : 0]),
    );
  }
  await runner.query(
    `INSERT INTO revision (id, created_at, source, documents, claims_added, claims_changed, claims_deprecated, claims_removed, entities_changed)
     VALUES (?, UTC_TIMESTAMP(3), ?, (SELECT COUNT(*) FROM revision_document WHERE revision_id = ?), ?, ?, ?, ?, ?)`,
    [
      r.id,
      r.source,
      r.id,
      r.counts.added,
      r.counts.changed,
      r.counts.deprecated,
      r.counts.removed,
      r.entitiesChanged ?? r.changedEntities.size,
    ],
  );
}
