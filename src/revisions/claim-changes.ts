/**
 * What an ingest changes in the claims it rewrites: each claim after the load, compared with what was
 * stored, is added, changed, deprecated or unchanged, and a stored claim no longer stated is removed.
 * A claim's id already fixes its subject, field, value and validity (ingest/derive.ts), so "changed" means
 * its rank, inference, note or citations (quote, span, document, citation note) differ.
 */
import type { Rank } from '../provenance/entity-types';

/** A stored claim as the ingest read it, with every citation, those of reloaded documents too. */
export interface StoredClaimState {
  subjectId: string;
  subjectType: string;
  fingerprint: string;
  rank: Rank;
  firstRevision: number | null;
  lastChangedRevision: number | null;
}

/** The parts of a claim a change of which is a change of the claim. */
export interface ClaimContent {
  rank: Rank;
  inferred: boolean;
  note: string | null;
  citations: { id: string; note: string | null }[];
}

export function claimFingerprint(c: ClaimContent): string {
  const citations = c.citations.map((ci) => `${ci.id}\u0001${ci.note ?? ''}`).sort();
  return JSON.stringify([c.rank, c.inferred, c.note ?? null, citations]);
}

export type ClaimChange = 'ADDED' | 'CHANGED' | 'DEPRECATED' | 'UNCHANGED';

/**
 * How one claim after the load compares with its stored state: a claim that becomes DEPRECATED counts as
 * deprecated rather than changed, so each claim falls in one count.
 */
export function classifyClaim(after: ClaimContent, before: StoredClaimState | undefined): ClaimChange {
  if (!before) return 'ADDED';
  if (claimFingerprint(after) === before.fingerprint) return 'UNCHANGED';
  return after.rank === 'DEPRECATED' && before.rank !== 'DEPRECATED' ? 'DEPRECATED' : 'CHANGED';
}

export interface ClaimCounts {
  added: number;
  changed: number;
  deprecated: number;
  removed: number;
}

/** The revision columns of every claim written, the counts, and the entities whose claims changed. */
export interface ClaimChangeSummary {
  counts: ClaimCounts;
  /** Per claim id written: [first revision, last changed revision]; null stands for the revision being made. */
  revisions: Map<string, [number | null, number | null]>;
  /** Entities with a claim added, changed, deprecated or removed, with their type. */
  changedEntities: Map<string, string>;
}

export function summarizeClaimChanges(
  written: { id: string; subjectId: string; subjectType: string; content: ClaimContent }[],
  stored: Map<string, StoredClaimState>,
): ClaimChangeSummary {
  const counts: ClaimCounts = { added: 0, changed: 0, deprecated: 0, removed: 0 };
  const revisions = new Map<string, [number | null, number | null]>();
  const changedEntities = new Map<string, string>();
  const kept = new Set<string>();
  for (const claim of written) {
    kept.add(claim.id);
    const before = stored.get(claim.id);
    const change = classifyClaim(claim.content, before);
    if (change === 'UNCHANGED') {
      revisions.set(claim.id, [before!.firstRevision, before!.lastChangedRevision]);
      continue;
    }
    if (change === 'ADDED') counts.added += 1;
    else if (change === 'DEPRECATED') counts.deprecated += 1;
    else counts.changed += 1;
    revisions.set(claim.id, [before?.firstRevision ?? null, null]);
    changedEntities.set(claim.subjectId, claim.subjectType);
  }
  for (const [id, before] of stored) {
    if (kept.has(id)) continue;
    counts.removed += 1;
    changedEntities.set(before.subjectId, before.subjectType);
  }
  return { counts, revisions, changedEntities };
}

export const hasClaimChanges = (c: ClaimCounts) => c.added + c.changed + c.deprecated + c.removed > 0;
