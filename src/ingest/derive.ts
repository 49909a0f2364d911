/**
 * From an entity's claims to its plain values: the preferred value of each single-valued field, every
 * alias, and the rank of a relationship object. Conflicts that the claims do not settle are problems.
 */
import { hash } from 'node:crypto';
import { ENTITY_TYPES, type EntityTypeName, type Rank } from '../provenance/entity-types';
import { nameKey } from '../provenance/name-key';
import type { DomainRow, EntityNameRow } from '../db/entities';

export interface StoredCitation {
  id: string;
  documentId: string;
  quote: string;
  spanStart: number | null;
  spanEnd: number | null;
  prefix: string | null;
  suffix: string | null;
  note: string | null;
}

export interface StoredClaim {
  id: string;
  subjectId: string;
  subjectType: EntityTypeName;
  field: string;
  value: string;
  isRef: boolean;
  rank: Rank;
  validFrom: string | null;
  validTo: string | null;
  inferred: boolean;
  note: string | null;
  citations: StoredCitation[];
  /** Where it came from, for messages ("already in the database" for claims loaded before). */
  origin: { file: string; path: string };
}

const RANK_ORDER: Record<Rank, number> = { PREFERRED: 0, NORMAL: 1, DEPRECATED: 2 };

const digest = (...parts: (string | number | null)[]) =>
  // one-shot hash: no Hash object per id (the synthetic loader derives tens of millions of ids)
  hash('sha256', parts.map((p) => (p === null ? '\u0000' : String(p))).join('\u001f'), 'hex').slice(0, 24);

/** A claim is the same claim wherever it is stated: same subject, field, value and validity. */
export function claimId(
  subjectId: string,
  field: string,
  value: string,
  validFrom: string | null,
  validTo: string | null,
): string {
  return digest('claim', subjectId, field, value, validFrom, validTo);
}

export function citationId(
  claim: string,
  documentId: string,
  quote: string,
  spanStart: number | null,
): string {
  return digest('citation', claim, documentId, quote, spanStart);
}

export interface DerivedEntity {
  row: DomainRow;
  names: EntityNameRow[];
  problems: { claim: StoredClaim | undefined; message: string }[];
}

/** Derives the plain row and the name index of one entity from its claims. */
export function deriveEntity(
  id: string,
  type: EntityTypeName,
  claims: StoredClaim[],
  typeOf: (id: string) => string | undefined,
): DerivedEntity {
  const spec = ENTITY_TYPES[type];
  const row: DomainRow = { id, rank: 'NORMAL' };
  const names: EntityNameRow[] = [];
  const problems: DerivedEntity['problems'] = [];
  let definingRank: Rank | undefined;
  for (const field of spec.fields) {
    const live = claims.filter((c) => c.field === field.name && c.rank !== 'DEPRECATED');
    if (field.defining) {
      for (const c of claims.filter((c) => c.field === field.name)) {
        if (definingRank === undefined || RANK_ORDER[c.rank] < RANK_ORDER[definingRank])
          definingRank = c.rank;
      }
    }
    if (field.multi) {
      for (const c of live) {
        names.push({
          entity_id: id,
          entity_type: type,
          kind: field.nameKind ?? 'ALIAS',
          name: c.value,
          name_key: nameKey(c.value),
          valid_from: c.validFrom,
          valid_to: c.validTo,
        });
      }
      continue;
    }
    const preferred = live.filter((c) => c.rank === 'PREFERRED');
    const distinct = new Set(live.map((c) => c.value));
    let best: StoredClaim | undefined;
    const before = problems.length;
    if (preferred.length > 1 && new Set(preferred.map((c) => c.value)).size > 1) {
      problems.push({
        claim: preferred[1],
        message: `competing PREFERRED values for ${type}.${field.name} (${[...new Set(preferred.map((c) => JSON.stringify(c.value)))].join(', ')}): exactly one value may be PREFERRED`,
      });
    } else if (preferred.length > 0) {
      best = preferred[0];
    } else if (distinct.size > 1 && !field.descriptive) {
      problems.push({
        claim: live[1],
        message: `sources disagree on ${type}.${field.name} (${[...distinct].map((v) => JSON.stringify(v)).join(', ')}): mark exactly one claim PREFERRED and say why in a note`,
      });
    } else {
      best = live[0];
    }
    if (!best) {
      // a conflict reported above is the reason; "missing" would only repeat it
      if (field.required && problems.length === before)
        problems.push({ claim: undefined, message: `${type} ${id} has no ${field.name}: it is required` });
      continue;
    }
    const column = field.column!;
    switch (field.kind) {
      case 'boolean':
        row[column] = best.value === 'true' ? 1 : 0;
        break;
      case 'ref':
        row[column] = best.value;
        if ((field.targets?.length ?? 0) > 1)
          row[column.replace(/_id$/, '_type')] = typeOf(best.value) ?? null;
        break;
      default:
        row[column] = best.value;
    }
    if (field.nameKind) {
      names.push({
        entity_id: id,
        entity_type: type,
        kind: field.nameKind,
        name: best.value,
        name_key: nameKey(best.value),
        valid_from: best.validFrom,
        valid_to: best.validTo,
      });
    }
  }
  if (spec.relationship) row.rank = definingRank ?? 'NORMAL';
  return { row, names: dedupeNames(names), problems };
}

/** An alias equal to the name (by key) adds nothing to the index: keep one row per kind and key. */
function dedupeNames(names: EntityNameRow[]): EntityNameRow[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = `${n.kind}\u0000${n.name_key}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
