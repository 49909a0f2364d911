/**
 * The columns the loaders write, table by table: the curated ingest and the synthetic loader write the same
 * rows, so both take their column lists from here (stored generated columns are the database's to fill).
 */
import { ENTITY_TYPES, type EntityTypeName } from '../provenance/entity-types';
import type { StoredClaim } from './derive';

/** The columns of every table the ingest writes, in the order its rows list them (the synthetic loader too). */
export const TABLE_COLUMNS: Record<string, readonly string[]> = {
  document: [
    'id',
    'title',
    'publisher',
    'author',
    'url',
    'published',
    'published_note',
    'kind',
    'language',
    'quality_notes',
    'source_file',
    'text_hash',
    'text',
    'seed_hash',
  ],
  entity: ['id', 'type'],
  entity_name: ['entity_id', 'entity_type', 'kind', 'name', 'name_key', 'valid_from', 'valid_to'],
  claim: [
    'id',
    'subject_id',
    'subject_type',
    'field',
    'value',
    'value_ref',
    'rank',
    'valid_from',
    'valid_to',
    'inferred',
    'note',
    'position',
  ],
  citation: [
    'id',
    'claim_id',
    'document_id',
    'quote',
    'span_start',
    'span_end',
    'note',
    'position',
    'quote_prefix',
    'quote_suffix',
  ],
  ...Object.fromEntries(Object.values(ENTITY_TYPES).map((spec) => [spec.table, domainColumns(spec.name)])),
};

/** A domain table's columns as the ingest writes them: a reference to several types also stores the type. */
export function domainColumns(type: EntityTypeName): string[] {
  return [
    'id',
    'rank',
    ...ENTITY_TYPES[type].fields.flatMap((f) =>
      !f.column
        ? []
        : f.kind === 'ref' && (f.targets?.length ?? 0) > 1
          ? [f.column, f.column.replace(/_id$/, '_type')]
          : [f.column],
    ),
  ];
}

/** A value of a row the loaders write. */
export type RowCell = string | number | null;

/** A claim's row of `claim`, in TABLE_COLUMNS order; `position` is its place among its subject's claims, from 1. */
export function claimRow(c: StoredClaim, position: number): RowCell[] {
  return [
    c.id,
    c.subjectId,
    c.subjectType,
    c.field,
    c.value,
    c.isRef ? c.value : null,
    c.rank,
    c.validFrom,
    c.validTo,
    c.inferred ? 1 : 0,
    c.note,
    position,
  ];
}

/** A claim's rows of `citation`, in TABLE_COLUMNS order and in the order the claim lists them. */
export function citationRows(c: StoredClaim): RowCell[][] {
  return c.citations.map((ci, k) => [
    ci.id,
    c.id,
    ci.documentId,
    ci.quote,
    ci.spanStart,
    ci.spanEnd,
    ci.note,
    k + 1,
    ci.prefix,
    ci.suffix,
  ]);
}
