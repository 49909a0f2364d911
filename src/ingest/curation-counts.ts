/**
 * What a curator reviews in a seed: per document, how many of the claims it supports are inferred,
 * deprecated, or competing (a single-valued field of an entity with more than one non-deprecated value),
 * and how many of the competing ones no PREFERRED claim settles.
 */
import { fieldSpec, type EntityTypeName, type Rank } from '../provenance/entity-types';

/** One citation of a claim: the claim's own columns with the document that cites it. */
export interface CitedClaimRow {
  claimId: string;
  subjectType: EntityTypeName;
  subjectId: string;
  field: string;
  rank: Rank;
  inferred: boolean;
  documentId: string;
}

export interface CurationCounts {
  document: string;
  claims: number;
  inferred: number;
  deprecated: number;
  competing: number;
  /** Competing claims of fields where no claim is PREFERRED: the reader cannot tell which value holds. */
  unranked: number;
}

export interface CompetingField {
  type: EntityTypeName;
  id: string;
  field: string;
  claims: number;
  preferred: boolean;
}

interface ClaimFacts {
  key: string;
  rank: Rank;
  inferred: boolean;
  documents: Set<string>;
}

/** The fields with more than one non-deprecated value where the model allows only one. */
function competingFields(
  claims: Map<string, ClaimFacts & { row: CitedClaimRow }>,
): Map<string, CompetingField> {
  const groups = new Map<string, CompetingField>();
  for (const c of claims.values()) {
    if (c.rank === 'DEPRECATED' || fieldSpec(c.row.subjectType, c.row.field)?.multi) continue;
    const group = groups.get(c.key) ?? {
      type: c.row.subjectType,
      id: c.row.subjectId,
      field: c.row.field,
      claims: 0,
      preferred: false,
    };
    group.claims += 1;
    group.preferred ||= c.rank === 'PREFERRED';
    groups.set(c.key, group);
  }
  for (const [key, group] of groups) if (group.claims < 2) groups.delete(key);
  return groups;
}

/** Counts per document (sorted by id) and over the whole graph (`total`), and the competing fields. */
export function curationCounts(rows: readonly CitedClaimRow[]): {
  documents: CurationCounts[];
  total: CurationCounts;
  competing: CompetingField[];
} {
  const claims = new Map<string, ClaimFacts & { row: CitedClaimRow }>();
  for (const row of rows) {
    const claim = claims.get(row.claimId) ?? {
      key: `${row.subjectId}\u0000${row.field}`,
      rank: row.rank,
      inferred: row.inferred,
      documents: new Set<string>(),
      row,
    };
    claim.documents.add(row.documentId);
    claims.set(row.claimId, claim);
  }
  const competing = competingFields(claims);
  const counts = new Map<string, CurationCounts>();
  const empty = (document: string): CurationCounts => ({
    document,
    claims: 0,
    inferred: 0,
    deprecated: 0,
    competing: 0,
    unranked: 0,
  });
  const total = empty('total');
  for (const claim of claims.values()) {
    const group = claim.rank === 'DEPRECATED' ? undefined : competing.get(claim.key);
    const targets = [...claim.documents].map((d) => counts.get(d) ?? counts.set(d, empty(d)).get(d)!);
    for (const c of [...targets, total]) {
      c.claims += 1;
      if (claim.inferred) c.inferred += 1;
      if (claim.rank === 'DEPRECATED') c.deprecated += 1;
      if (group) c.competing += 1;
      if (group && !group.preferred) c.unranked += 1;
    }
  }
  return {
    documents: [...counts.values()].sort((a, b) => a.document.localeCompare(b.document)),
    total,
    competing: [...competing.values()].sort(
      (a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id) || a.field.localeCompare(b.field),
    ),
  };
}
