/**
 * TypeORM entity schemas. The provenance tables are written out; the domain tables are derived from the
 * model table in provenance/entity-types.ts, so a field is declared once. The migrations, not these
 * schemas, create the tables (synchronize is off); tests check the two agree.
 */
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { ENTITY_TYPES, type EntityTypeSpec } from '../provenance/entity-types';
import { listColumns, type ListColumn } from './list-columns';

const id: EntitySchemaColumnOptions = { type: 'varchar', length: 100, primary: true };
const text = (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable });
const varchar = (length: number, nullable = true): EntitySchemaColumnOptions => ({
  type: 'varchar',
  length,
  nullable,
});

/** A column lists read (db/list-columns.ts): generated ones are never written by the application. */
function listColumn(c: ListColumn): EntitySchemaColumnOptions {
  const type: EntitySchemaColumnOptions = c.type.startsWith('INT')
    ? { type: 'int', nullable: true }
    : c.type === 'TINYINT'
      ? { type: 'tinyint', nullable: true }
      : { type: 'varchar', length: Number(/\((\d+)\)/.exec(c.type)![1]), nullable: true };
  return c.generated
    ? { ...type, generatedType: 'STORED', asExpression: c.generated, insert: false, update: false }
    : type;
}

/** The list columns of a table, by name. */
const listColumnsOf = (table: string): Record<string, EntitySchemaColumnOptions> =>
  Object.fromEntries(listColumns(table).map((c) => [c.name, listColumn(c)]));

export interface DocumentRow {
  id: string;
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  published: string | null;
  published_note: string | null;
  kind: string;
  language: string | null;
  quality_notes: string;
  source_file: string | null;
  text_hash: string | null;
  text: string | null;
  seed_hash: string;
}

export const DocumentEntity = new EntitySchema<DocumentRow>({
  name: 'Document',
  tableName: 'document',
  columns: {
    id,
    title: varchar(500, false),
    publisher: varchar(300),
    author: varchar(300),
    url: varchar(1000),
    published: varchar(10),
    published_note: text(),
    kind: varchar(32, false),
    language: varchar(16),
    quality_notes: text(false),
    source_file: varchar(300),
    text_hash: { type: 'char', length: 64, nullable: true },
    text: { type: 'mediumtext', nullable: true },
    seed_hash: { type: 'char', length: 64 },
    ...listColumnsOf('document'),
  },
});

export interface ClaimRow {
  id: string;
  subject_id: string;
  subject_type: string;
  field: string;
  value: string | null;
  value_ref: string | null;
  rank: string;
  valid_from: string | null;
  valid_to: string | null;
  inferred: number;
  note: string | null;
  position: number;
  first_revision: number | null;
  last_changed_revision: number | null;
}

export const ClaimEntity = new EntitySchema<ClaimRow>({
  name: 'Claim',
  tableName: 'claim',
  columns: {
    id: { type: 'char', length: 24, primary: true },
    subject_id: varchar(100, false),
    subject_type: varchar(32, false),
    field: varchar(40, false),
    value: text(),
    value_ref: varchar(100),
    rank: varchar(12, false),
    valid_from: varchar(10),
    valid_to: varchar(10),
    inferred: { type: 'tinyint', default: 0 },
    note: text(),
    position: { type: 'int' },
    first_revision: { type: 'bigint', unsigned: true, nullable: true },
    last_changed_revision: { type: 'bigint', unsigned: true, nullable: true },
  },
});

export interface CitationRow {
  id: string;
  claim_id: string;
  document_id: string;
  quote: string;
  span_start: number | null;
  span_end: number | null;
  note: string | null;
  position: number;
  quote_prefix: string | null;
  quote_suffix: string | null;
}

export const CitationEntity = new EntitySchema<CitationRow>({
  name: 'Citation',
  tableName: 'citation',
  columns: {
    id: { type: 'char', length: 24, primary: true },
    claim_id: { type: 'char', length: 24 },
    document_id: varchar(100, false),
    quote: text(false),
    span_start: { type: 'int', nullable: true },
    span_end: { type: 'int', nullable: true },
    note: text(),
    position: { type: 'int' },
    quote_prefix: varchar(32),
    quote_suffix: varchar(32),
    ...listColumnsOf('citation'),
  },
});

export interface EntityRow {
  id: string;
  type: string;
}

export const EntityRegistryEntity = new EntitySchema<EntityRow>({
  name: 'EntityRegistry',
  tableName: 'entity',
  columns: { id, type: varchar(32, false) },
});

export interface EntityNameRow {
  entity_id: string;
  entity_type: string;
  kind: string;
  name: string;
  name_key: string;
  valid_from: string | null;
  valid_to: string | null;
}

export const EntityNameEntity = new EntitySchema<EntityNameRow>({
  name: 'EntityName',
  tableName: 'entity_name',
  columns: {
    entity_id: { type: 'varchar', length: 100, primary: true },
    entity_type: varchar(32, false),
    kind: { type: 'varchar', length: 16, primary: true },
    name: varchar(300, false),
    name_key: { type: 'varchar', length: 300, primary: true },
    valid_from: varchar(10),
    valid_to: varchar(10),
  },
});

/** A domain table's row: its id, its rank and one column per single-valued field. */
export type DomainRow = Record<string, string | number | null>;

function domainEntity(spec: EntityTypeSpec): EntitySchema<DomainRow> {
  const columns: Record<string, EntitySchemaColumnOptions> = { id, rank: varchar(12, false) };
  for (const field of spec.fields) {
    if (!field.column) continue;
    switch (field.kind) {
      case 'string':
        columns[field.column] = ['summary', 'description'].includes(field.name) ? text() : varchar(300);
        break;
      case 'date':
        columns[field.column] = varchar(10);
        break;
      case 'enum':
        columns[field.column] = varchar(32);
        break;
      case 'boolean':
        columns[field.column] = { type: 'tinyint', default: 0 };
        break;
      case 'number':
        columns[field.column] = { type: 'decimal', precision: 24, scale: 4, nullable: true };
        break;
      case 'ref':
        columns[field.column] = varchar(100);
        if ((field.targets?.length ?? 0) > 1) columns[field.column.replace(/_id$/, '_type')] = varchar(32);
        break;
    }
  }
  Object.assign(columns, listColumnsOf(spec.table));
  return new EntitySchema<DomainRow>({ name: `${spec.name}Row`, tableName: spec.table, columns });
}

export const DOMAIN_ENTITIES = Object.fromEntries(
  Object.values(ENTITY_TYPES).map((spec) => [spec.name, domainEntity(spec)]),
);

export const ENTITIES = [
  DocumentEntity,
  ClaimEntity,
  CitationEntity,
  EntityRegistryEntity,
  EntityNameEntity,
  ...Object.values(DOMAIN_ENTITIES),
];
