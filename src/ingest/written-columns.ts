/**
 * The columns the loaders write, table by table: the curated ingest and the synthetic loader write the same
 * rows, so both take their column lists from here (stored generated columns are the database's to fill).
 */
import { ENTITY_TYPES, type EntityTypeName } from '../provenance/entity-types';

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
