/**
 * Reads one curated YAML file and checks everything that can be checked inside it: shapes, types, enum
 * values, dates, field names. Problems are collected, not thrown, so one run reports them all.
 */
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import {
  DOCUMENT_KINDS,
  ENTITY_TYPES,
  RANKS,
  fieldSpec,
  isEntityTypeName,
  type EntityTypeName,
  type FieldSpec,
  type Rank,
} from '../provenance/entity-types';
import { codePoints } from '../provenance/normalize';
import { isPartialDateError, parsePartialDate } from '../provenance/partial-date';
import { CONTEXT_LENGTH } from '../provenance/quote-selectors';
import { SYNTHETIC_ID_PREFIX, isSyntheticId } from '../synthetic/reserved';
import type { CitationInput, ClaimInput, DocumentInput, Problem, SeedFile } from './seed-format';

export const SLUG = /^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/;
export const MAX_QUOTE_WORDS = 45;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Curated data may not use the synthetic graph's id prefix, so removing the synthetic graph never touches it. */
const RESERVED = `reserved id prefix "${SYNTHETIC_ID_PREFIX}": it marks the synthetic test graph (npm run seed:synthetic)`;

const describe = (v: Json) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'a map'
        : `${typeof v} ${JSON.stringify(v)}`;

class FileReader {
  readonly problems: Problem[] = [];
  constructor(readonly file: string) {}

  problem(path: string, message: string): void {
    this.problems.push({ file: this.file, path, message });
  }

  string(obj: Record<string, Json>, key: string, path: string, required: boolean): string | null {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) this.problem(`${path}.${key}`, 'is required');
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(`${path}.${key}`, `wrong type: expected a non-empty string, got ${describe(v)}`);
      return null;
    }
    return v;
  }

  date(obj: Record<string, Json>, key: string, path: string): string | null {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    const text = typeof v === 'number' ? String(v) : v;
    if (typeof text !== 'string') {
      this.problem(`${path}.${key}`, `wrong type: expected a partial date string, got ${describe(v)}`);
      return null;
    }
    const parsed = parsePartialDate(text);
    if (isPartialDateError(parsed)) {
      this.problem(`${path}.${key}`, `malformed or impossible date: ${parsed.error}`);
      return null;
    }
    return text;
  }

  enumValue<T extends string>(
    obj: Record<string, Json>,
    key: string,
    path: string,
    values: readonly T[],
    fallback?: T,
  ): T | null {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) this.problem(`${path}.${key}`, 'is required');
      return fallback ?? null;
    }
    if (typeof v !== 'string' || !values.includes(v as T)) {
      this.problem(
        `${path}.${key}`,
        `unknown enum value ${JSON.stringify(v)}: expected one of ${values.join(', ')}`,
      );
      return null;
    }
    return v as T;
  }

  unknownKeys(obj: Record<string, Json>, allowed: string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        this.problem(`${path}.${key}`, `unknown key: expected one of ${allowed.join(', ')}`);
    }
  }
}

function readDocument(r: FileReader, raw: Json): DocumentInput | null {
  if (!isObject(raw)) {
    r.problem(
      'document',
      `wrong type: expected a map with the document's metadata, got ${raw === undefined ? 'nothing' : describe(raw)}`,
    );
    return null;
  }
  const path = 'document';
  r.unknownKeys(
    raw,
    [
      'id',
      'file',
      'title',
      'publisher',
      'author',
      'url',
      'published',
      'publishedNote',
      'kind',
      'language',
      'qualityNotes',
      'textHash',
    ],
    path,
  );
  const id = r.string(raw, 'id', path, true);
  if (id !== null && !SLUG.test(id))
    r.problem(`${path}.id`, `malformed id ${JSON.stringify(id)}: expected a lower-case kebab-case slug`);
  else if (id !== null && isSyntheticId(id))
    r.problem(`${path}.id`, `id ${JSON.stringify(id)} uses the ${RESERVED}`);
  const qualityNotes = raw.qualityNotes ?? [];
  if (!Array.isArray(qualityNotes) || qualityNotes.some((n) => typeof n !== 'string')) {
    r.problem(
      `${path}.qualityNotes`,
      `wrong type: expected a list of strings, got ${describe(qualityNotes)}`,
    );
  }
  const textHash = r.string(raw, 'textHash', path, false);
  if (textHash !== null && !/^[0-9a-f]{64}$/.test(textHash))
    r.problem(`${path}.textHash`, 'malformed: expected 64 hexadecimal digits (SHA-256)');
  return {
    id: id ?? '',
    file: r.string(raw, 'file', path, false),
    title: r.string(raw, 'title', path, true) ?? '',
    publisher: r.string(raw, 'publisher', path, false),
    author: r.string(raw, 'author', path, false),
    url: r.string(raw, 'url', path, false),
    published: r.date(raw, 'published', path),
    publishedNote: r.string(raw, 'publishedNote', path, false),
    kind: r.enumValue(raw, 'kind', path, DOCUMENT_KINDS) ?? 'OTHER',
    language: r.string(raw, 'language', path, false),
    qualityNotes: Array.isArray(qualityNotes)
      ? qualityNotes.filter((n): n is string => typeof n === 'string')
      : [],
    textHash,
  };
}

function readCitations(r: FileReader, raw: Json, path: string, documentId: string): CitationInput[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    r.problem(path, 'missing citation: every claim needs at least one quote from its document');
    return [];
  }
  if (!Array.isArray(raw)) {
    r.problem(path, `wrong type: expected a list of citations, got ${describe(raw)}`);
    return [];
  }
  const citations: CitationInput[] = [];
  raw.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item))
      return r.problem(at, `wrong type: expected a map with a quote, got ${describe(item)}`);
    r.unknownKeys(item, ['quote', 'span', 'prefix', 'suffix', 'note'], at);
    const quote = r.string(item, 'quote', at, true);
    if (quote === null) return;
    const words = quote.trim().split(/\s+/).length;
    if (words > MAX_QUOTE_WORDS)
      r.problem(`${at}.quote`, `quote too long: ${words} words, at most ${MAX_QUOTE_WORDS}`);
    let spanStart: number | null = null;
    let spanEnd: number | null = null;
    if (item.span !== undefined && item.span !== null) {
      const s = item.span;
      if (
        !Array.isArray(s) ||
        s.length !== 2 ||
        !s.every((n) => Number.isInteger(n) && (n as number) >= 0) ||
        (s[0] as number) >= (s[1] as number)
      ) {
        r.problem(
          `${at}.span`,
          `malformed span ${JSON.stringify(s)}: expected [start, end] code-point offsets with start < end`,
        );
      } else {
        [spanStart, spanEnd] = s as [number, number];
      }
    }
    citations.push({
      documentId,
      quote,
      spanStart,
      spanEnd,
      prefix: quoteContext(r, item, 'prefix', at),
      suffix: quoteContext(r, item, 'suffix', at),
      note: r.string(item, 'note', at, false),
      origin: { file: r.file, path: at },
    });
  });
  return citations;
}

/** A quote's prefix or suffix: any string (empty at either end of the text) of at most CONTEXT_LENGTH code points. */
function quoteContext(r: FileReader, item: Record<string, Json>, key: string, at: string): string | null {
  const v = item[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    r.problem(`${at}.${key}`, `wrong type: expected a string, got ${describe(v)}`);
    return null;
  }
  const length = codePoints(v).length;
  if (length > CONTEXT_LENGTH) {
    r.problem(`${at}.${key}`, `${key} too long: ${length} code points, at most ${CONTEXT_LENGTH}`);
    return null;
  }
  return v;
}

/** Checks one value against its field's kind and returns its canonical text. */
function canonicalValue(r: FileReader, spec: FieldSpec, value: Json, path: string): string | null {
  switch (spec.kind) {
    case 'string':
      if (typeof value === 'string' && value.trim() !== '') return value;
      if (typeof value === 'number') return String(value);
      break;
    case 'date': {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text === 'string') {
        const parsed = parsePartialDate(text);
        if (!isPartialDateError(parsed)) return text;
        r.problem(path, `malformed or impossible date: ${parsed.error}`);
        return null;
      }
      break;
    }
    case 'enum':
      if (typeof value === 'string' && spec.values!.includes(value)) return value;
      r.problem(
        path,
        `unknown enum value ${JSON.stringify(value)} for ${spec.name}: expected one of ${spec.values!.join(', ')}`,
      );
      return null;
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      break;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      break;
    case 'ref':
      if (typeof value === 'string' && SLUG.test(value) && isSyntheticId(value)) {
        r.problem(path, `reference ${JSON.stringify(value)} uses the ${RESERVED}`);
        return null;
      }
      if (typeof value === 'string' && SLUG.test(value)) return value;
      if (typeof value === 'string') {
        r.problem(
          path,
          `malformed reference ${JSON.stringify(value)}: expected the id (slug) of a ${spec.targets!.join(' or ')}`,
        );
        return null;
      }
      break;
  }
  r.problem(
    path,
    `wrong type for ${spec.name}: expected ${spec.kind === 'ref' ? `the id of a ${spec.targets!.join(' or ')}` : `a ${spec.kind}`}, got ${describe(value)}`,
  );
  return null;
}

function readClaims(
  r: FileReader,
  entity: Record<string, Json>,
  type: EntityTypeName,
  id: string,
  path: string,
  documentId: string,
): ClaimInput[] {
  const raw = entity.claims;
  if (!Array.isArray(raw) || raw.length === 0) {
    r.problem(`${path}.claims`, 'missing citation: an entity needs at least one claim with a quote');
    return [];
  }
  const claims: ClaimInput[] = [];
  raw.forEach((item, i) => {
    const at = `${path}.claims[${i}]`;
    if (!isObject(item)) return r.problem(at, `wrong type: expected a map, got ${describe(item)}`);
    r.unknownKeys(
      item,
      ['field', 'value', 'values', 'cite', 'rank', 'validFrom', 'validTo', 'inferred', 'note'],
      at,
    );
    let pairs: [string, Json, string][];
    if (item.values !== undefined) {
      if (item.field !== undefined || item.value !== undefined)
        r.problem(at, 'give either field and value, or values, not both');
      if (!isObject(item.values))
        return r.problem(
          `${at}.values`,
          `wrong type: expected a map of field: value, got ${describe(item.values)}`,
        );
      pairs = Object.entries(item.values).map(([f, v]) => [f, v, `${at}.values.${f}`]);
    } else if (typeof item.field === 'string') {
      if (item.value === undefined || item.value === null) return r.problem(`${at}.value`, 'is required');
      pairs = [[item.field, item.value, `${at}.value`]];
    } else {
      return r.problem(at, 'a claim needs field and value, or values');
    }
    const rank = r.enumValue<Rank>(item, 'rank', at, RANKS, 'NORMAL') ?? 'NORMAL';
    const inferred = item.inferred ?? false;
    if (typeof inferred !== 'boolean')
      r.problem(`${at}.inferred`, `wrong type: expected true or false, got ${describe(inferred)}`);
    const citations = readCitations(r, item.cite, `${at}.cite`, documentId);
    const common = {
      rank,
      validFrom: r.date(item, 'validFrom', at),
      validTo: r.date(item, 'validTo', at),
      inferred: inferred === true,
      note: r.string(item, 'note', at, false),
      citations,
    };
    if (inferred === true && common.note === null)
      r.problem(`${at}.note`, 'an inferred value needs a note saying how it was inferred');
    for (const [field, value, valuePath] of pairs) {
      const spec = fieldSpec(type, field);
      if (!spec) {
        r.problem(
          valuePath.endsWith('.value') ? `${at}.field` : valuePath,
          `unknown field ${JSON.stringify(field)} for ${type}: expected one of ${ENTITY_TYPES[type].fields.map((f) => f.name).join(', ')}`,
        );
        continue;
      }
      const items = Array.isArray(value) ? value : [value];
      items.forEach((v, k) => {
        const canonical = canonicalValue(r, spec, v, Array.isArray(value) ? `${valuePath}[${k}]` : valuePath);
        if (canonical === null) return;
        claims.push({
          subjectId: id,
          subjectType: type,
          field,
          value: canonical,
          isRef: spec.kind === 'ref',
          ...common,
          origin: { file: r.file, path: Array.isArray(value) ? `${valuePath}[${k}]` : valuePath },
        });
      });
    }
  });
  return claims;
}

/** Parses one file's text; returns what could be read and every problem found. */
export function parseSeedFile(file: string, content: string): { seed: SeedFile | null; problems: Problem[] } {
  const r = new FileReader(file);
  const parsed = YAML.parseDocument(content, { uniqueKeys: true });
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors)
      r.problem(
        e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        `not valid YAML: ${e.message.split('\n')[0]}`,
      );
    return { seed: null, problems: r.problems };
  }
  const root = parsed.toJS() as Json;
  if (!isObject(root)) {
    r.problem('(file)', `wrong type: expected a map with document and entities, got ${describe(root)}`);
    return { seed: null, problems: r.problems };
  }
  r.unknownKeys(root, ['document', 'entities'], '(file)');
  const document = readDocument(r, root.document);
  const entities: SeedFile['entities'] = [];
  const claims: ClaimInput[] = [];
  const rawEntities = root.entities ?? [];
  if (!Array.isArray(rawEntities))
    r.problem('entities', `wrong type: expected a list, got ${describe(rawEntities)}`);
  else {
    rawEntities.forEach((entity, i) => {
      const path = `entities[${i}]`;
      if (!isObject(entity)) return r.problem(path, `wrong type: expected a map, got ${describe(entity)}`);
      r.unknownKeys(entity, ['type', 'id', 'claims'], path);
      if (!isEntityTypeName(entity.type)) {
        return r.problem(
          `${path}.type`,
          `unknown enum value ${JSON.stringify(entity.type)}: expected one of ${Object.keys(ENTITY_TYPES).join(', ')}`,
        );
      }
      const id = r.string(entity, 'id', path, true);
      if (id === null) return;
      if (!SLUG.test(id))
        return r.problem(
          `${path}.id`,
          `malformed id ${JSON.stringify(id)}: expected a lower-case kebab-case slug`,
        );
      if (isSyntheticId(id)) return r.problem(`${path}.id`, `id ${JSON.stringify(id)} uses the ${RESERVED}`);
      const label = `${path} (${entity.type} ${id})`;
      entities.push({ id, type: entity.type, path: label });
      claims.push(...readClaims(r, entity, entity.type, id, label, document?.id ?? ''));
    });
  }
  const hash = createHash('sha256').update(content).digest('hex');
  return { seed: document ? { file, hash, document, entities, claims } : null, problems: r.problems };
}
