/** From raw rows to the objects resolvers return: plain values, partial dates, global ids. */
import type { Row } from '../graph/loaders';
import type { CitationModel } from './citation.type';
import type { ClaimModel } from './claim.type';
import type { DocumentModel } from '../documents/document.type';
import { ENTITY_TYPES, type EntityTypeName, type Rank } from './entity-types';
import { toGlobalId } from './ids';
import type { NodeModel } from './node.type';
import { toPartialDate } from './partial-date';
import { TABLE_COLUMNS } from '../ingest/written-columns';

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A document's stored columns but its text (only `Document.text` reads it) and the ingest's own seed hash. */
const DOCUMENT_FIELDS = TABLE_COLUMNS.document!.filter((c) => c !== 'text' && c !== 'seed_hash');

/**
 * Document columns without the full text, which only `Document.text` reads, from the table aliased
 * `alias`; with a `prefix`, each column is named `<prefix><column>` (to sit beside another table's).
 */
export function documentColumns(alias = 't', prefix = ''): string {
  const named = (column: string) => (prefix ? ` AS \`${prefix}${column}\`` : '');
  return [
    ...DOCUMENT_FIELDS.map((c) => `${alias}.${c}${named(c)}`),
    `${alias}.text IS NOT NULL AS ${prefix ? `\`${prefix}has_text\`` : 'has_text'}`,
  ].join(', ');
}

/** Document columns without the full text (the table is aliased t). */
export const DOCUMENT_COLUMNS = documentColumns();

export function toDocumentModel(row: Row): DocumentModel {
  const slug = String(row.id);
  return {
    __typename: 'Document',
    id: toGlobalId('Document', slug),
    slug,
    title: String(row.title),
    publisher: str(row.publisher),
    author: str(row.author),
    url: str(row.url),
    published: toPartialDate(str(row.published)),
    publishedNote: str(row.published_note),
    kind: String(row.kind),
    language: str(row.language),
    qualityNotes: JSON.parse(String(row.quality_notes ?? '[]')) as string[],
    textHash: str(row.text_hash),
    hasText: Number(row.has_text) === 1,
  };
}

export function toClaimModel(row: Row): ClaimModel {
  return {
    __typename: 'Claim',
    id: String(row.id),
    subjectId: String(row.subject_id),
    subjectType: String(row.subject_type),
    field: String(row.field),
    value: String(row.value),
    valueRef: str(row.value_ref),
    valueType: str(row.value_type),
    rank: row.rank as Rank,
    validFrom: toPartialDate(str(row.valid_from)),
    validTo: toPartialDate(str(row.valid_to)),
    inferred: Number(row.inferred) === 1,
    note: str(row.note),
    firstRevision: str(row.first_revision),
    lastChangedRevision: str(row.last_changed_revision),
  };
}

export function toCitationModel(row: Row): CitationModel {
  const span =
    row.span_start === null || row.span_start === undefined
      ? null
      : { start: Number(row.span_start), end: Number(row.span_end) };
  return {
    __typename: 'Citation',
    id: String(row.id),
    claimId: String(row.claim_id),
    documentId: String(row.document_id),
    quote: String(row.quote),
    span,
    selectors: {
      textQuote: { exact: String(row.quote), prefix: str(row.quote_prefix), suffix: str(row.quote_suffix) },
      textPosition: span,
    },
    note: str(row.note),
  };
}

/** An entity's plain values; references stay slugs under `<field>Id` for field resolvers to load. */
export type EntityModel = NodeModel & { rank: Rank } & Record<string, unknown>;

// A row comes from a request's loader cache, and the same row is often turned into a model many times
// (the same organization under every membership that names it): each row is converted once.
const modelOfRow = new WeakMap<Row, EntityModel>();

export function toEntityModel(type: EntityTypeName, row: Row): EntityModel {
  const known = modelOfRow.get(row);
  if (known?.__typename === type) return known;
  const model = entityModelOf(type, row);
  modelOfRow.set(row, model);
  return model;
}

function entityModelOf(type: EntityTypeName, row: Row): EntityModel {
  const slug = String(row.id);
  const model: EntityModel = { __typename: type, id: toGlobalId(type, slug), slug, rank: row.rank as Rank };
  for (const write of fieldWriters(type)) write(row, model);
  return model;
}

type FieldWriter = (row: Row, model: EntityModel) => void;

// Thousands of rows are converted per request: the column names, property names and kinds of a type are
// worked out once, not per row.
const writersOfType = new Map<EntityTypeName, FieldWriter[]>();

function fieldWriters(type: EntityTypeName): FieldWriter[] {
  let writers = writersOfType.get(type);
  if (writers) return writers;
  writers = [];
  for (const field of ENTITY_TYPES[type].fields) {
    const { column, name } = field;
    if (!column) continue;
    switch (field.kind) {
      case 'date':
        writers.push((row, model) => (model[name] = toPartialDate(str(row[column]))));
        break;
      case 'boolean':
        writers.push((row, model) => (model[name] = Number(row[column]) === 1));
        break;
      case 'number':
        writers.push((row, model) => {
          const value = row[column];
          model[name] = value === null || value === undefined ? null : Number(value);
        });
        break;
      case 'ref': {
        const idKey = `${name}Id`;
        const typeKey = `${name}Type`;
        // a reference that may point to several types also says which one it points to
        if ((field.targets?.length ?? 0) > 1) {
          const typeColumn = column.replace(/_id$/, '_type');
          writers.push((row, model) => {
            model[idKey] = str(row[column]);
            model[typeKey] = str(row[typeColumn]);
          });
        } else {
          const target = field.targets![0];
          writers.push((row, model) => {
            model[idKey] = str(row[column]);
            model[typeKey] = target;
          });
        }
        break;
      }
      default:
        writers.push((row, model) => (model[name] = str(row[column])));
    }
  }
  writersOfType.set(type, writers);
  return writers;
}
