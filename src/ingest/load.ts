/**
 * Loading curated files: validate everything first and report every problem at once; then write in one
 * transaction under an advisory lock, so a failed or killed load leaves the database as it was and two
 * loads never interleave. A document whose file is unchanged is not reloaded, so a second load is a no-op.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { ENTITY_TYPES, type EntityTypeName, type Rank } from '../provenance/entity-types';
import type { DocumentRow, DomainRow, EntityNameRow } from '../db/entities';
import { claimId, citationId, deriveEntity, type StoredClaim } from './derive';
import {
  hasClaimChanges,
  summarizeClaimChanges,
  claimFingerprint,
  type ClaimCounts,
  type StoredClaimState,
} from '../revisions/claim-changes';
import { nextRevision, recordRevision } from '../revisions/record';
import { DERIVED_DATA_REFRESHERS, refreshDerivedData, retractDerivedData } from './derived-data';
import { citationRows, claimRow, TABLE_COLUMNS, domainColumns } from './written-columns';
import { parseSeedFile } from './parse-seed-file';
import { InvalidInputError, type Problem, type SeedFile } from './seed-format';
import { placeQuote } from '../provenance/quote-selectors';
import { readSourceText, sourceText, type SourceText } from './sources';

export interface InputFile {
  /** How the file is named in messages (a path relative to the working directory). */
  name: string;
  content: string;
}

export interface LoadOptions {
  /** Folder of source texts; quotes are verified against these (and against texts already stored). */
  sourcesDir?: string;
  /** Validate only; write nothing. */
  dryRun?: boolean;
}

export interface LoadResult {
  documentsLoaded: string[];
  documentsUnchanged: string[];
  entitiesWritten: number;
  entitiesDeleted: number;
  claims: number;
  citations: number;
  /** The revision this load made, with its counts; null when it changed nothing (or was a dry run). */
  revision: ({ id: number } & ClaimCounts) | null;
}

const LOCK_NAME = 'eurasia_graph.ingest';
const LOCK_TIMEOUT_SECONDS = 60;
const CHUNK = 500;

interface DbClaimRow {
  id: string;
  subject_id: string;
  subject_type: EntityTypeName;
  field: string;
  value: string;
  value_ref: string | null;
  rank: Rank;
  valid_from: string | null;
  valid_to: string | null;
  inferred: number;
  note: string | null;
  citation_id: string | null;
  document_id: string | null;
  quote: string | null;
  span_start: number | null;
  span_end: number | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  citation_note: string | null;
  first_revision: string | number | null;
  last_changed_revision: string | number | null;
}

export async function loadFiles(
  dataSource: DataSource,
  files: InputFile[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ])) as { acquired: number | null }[];
    if (lock?.acquired !== 1)
      throw new Error(`Another load holds the ingest lock; waited ${LOCK_TIMEOUT_SECONDS} s`);
    try {
      return await loadLocked(runner, files, options);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

async function loadLocked(
  runner: QueryRunner,
  files: InputFile[],
  options: LoadOptions,
): Promise<LoadResult> {
  const problems: Problem[] = [];
  const seeds: SeedFile[] = [];
  for (const f of files) {
    const { seed, problems: found } = parseSeedFile(f.name, f.content);
    problems.push(...found);
    if (seed) seeds.push(seed);
  }
  const conflicted = checkDuplicates(seeds, problems);

  // only the documents of the input: a synthetic graph beside the curated one holds gigabytes of text
  const inputIds = [...new Set(seeds.map((s) => s.document.id))];
  const storedDocs = new Map<string, DocumentRow>();
  for (let i = 0; i < inputIds.length; i += CHUNK) {
    const rows = (await runner.query(
      'SELECT id, seed_hash, text, text_hash, title, publisher, author, url, published, published_note, kind, language, quality_notes, source_file FROM document WHERE id IN (?)',
      [inputIds.slice(i, i + CHUNK)],
    )) as DocumentRow[];
    for (const d of rows) storedDocs.set(d.id, d);
  }
  verifyQuotes(seeds, options, storedDocs, problems);

  // A document is reloaded when its file changed, or when its text can now be stored and verified.
  const reloaded = seeds.filter((s) => {
    const stored = storedDocs.get(s.document.id);
    if (stored?.seed_hash !== s.hash) return true;
    return Boolean(options.sourcesDir && s.document.file && stored.text === null);
  });
  const reloadedIds = new Set(reloaded.map((s) => s.document.id));

  // Every entity the input declares, and its type, must agree with what is stored.
  const declared = new Map<string, { type: EntityTypeName; where: string }>();
  for (const s of seeds)
    for (const e of s.entities)
      if (!declared.has(e.id)) declared.set(e.id, { type: e.type, where: `${s.file}: ${e.path}` });
  const referenced = new Set(seeds.flatMap((s) => s.claims.filter((c) => c.isRef).map((c) => c.value)));
  const lookup = [...new Set([...declared.keys(), ...referenced])];
  const storedTypes = new Map<string, EntityTypeName>();
  for (let i = 0; i < lookup.length; i += CHUNK) {
    const rows = (await runner.query('SELECT id, type FROM entity WHERE id IN (?)', [
      lookup.slice(i, i + CHUNK),
    ])) as { id: string; type: EntityTypeName }[];
    for (const r of rows) storedTypes.set(r.id, r.type);
  }
  for (const s of seeds) {
    for (const e of s.entities) {
      const stored = storedTypes.get(e.id);
      if (stored && stored !== e.type && !conflicted.has(e.id)) {
        problems.push({
          file: s.file,
          path: e.path,
          message: `duplicate id ${e.id}: already a ${stored} in the database`,
        });
        conflicted.add(e.id);
      }
    }
  }

  // The claims of every affected entity after this load: what is stored, less what reloaded documents
  // said before, plus what the input says now.
  const affected = new Set(reloaded.flatMap((s) => s.entities.map((e) => e.id)));
  if (reloadedIds.size > 0) {
    const rows = (await runner.query(
      'SELECT DISTINCT cl.subject_id FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE ci.document_id IN (?)',
      [[...reloadedIds]],
    )) as { subject_id: string }[];
    for (const r of rows) affected.add(r.subject_id);
  }
  const claims = new Map<string, StoredClaim>();
  const subjectTypes = new Map<string, EntityTypeName>();
  const storedClaims = new Map<string, StoredClaimState>();
  if (affected.size > 0)
    await readStoredClaims(runner, [...affected], reloadedIds, claims, subjectTypes, storedClaims);
  for (const s of reloaded) mergeInput(s, claims, problems);
  for (const s of reloaded) for (const e of s.entities) subjectTypes.set(e.id, e.type);

  const typeOf = (id: string) => declared.get(id)?.type ?? storedTypes.get(id);
  const bySubject = new Map<string, StoredClaim[]>();
  for (const c of claims.values()) {
    if (c.citations.length === 0) continue;
    const list = bySubject.get(c.subjectId) ?? [];
    list.push(c);
    bySubject.set(c.subjectId, list);
  }
  checkReferences(seeds, typeOf, problems);

  const rows = new Map<EntityTypeName, DomainRow[]>();
  const names: EntityNameRow[] = [];
  for (const [subject, list] of bySubject) {
    if (conflicted.has(subject)) continue; // its claims mix two entities: the duplicate is the problem
    const type = subjectTypes.get(subject)!;
    const derived = deriveEntity(subject, type, list, (id) => typeOf(id) ?? subjectTypes.get(id));
    for (const p of derived.problems) {
      const origin = p.claim?.origin ?? {
        file: declared.get(subject)?.where.split(': ')[0] ?? '(database)',
        path: declared.get(subject)?.where.split(': ').slice(1).join(': ') ?? subject,
      };
      problems.push({ ...origin, message: p.message });
    }
    rows.set(type, [...(rows.get(type) ?? []), derived.row]);
    names.push(...derived.names);
  }
  if (problems.length > 0) throw new InvalidInputError(problems);

  const finalClaims = [...claims.values()].filter((c) => c.citations.length > 0);
  const changes = summarizeClaimChanges(
    finalClaims.map((c) => ({ id: c.id, subjectId: c.subjectId, subjectType: c.subjectType, content: c })),
    storedClaims,
  );
  const changedDocuments = reloaded.filter((s) =>
    documentChanged(storedDocs.get(s.document.id), s, sourceFor(s, options, storedDocs)),
  );
  // an ingest that changes nothing a client can see (a file reformatted) makes no revision
  const changesData = hasClaimChanges(changes.counts) || changedDocuments.length > 0;
  const result: LoadResult = {
    documentsLoaded: [...reloadedIds],
    documentsUnchanged: seeds.filter((s) => !reloadedIds.has(s.document.id)).map((s) => s.document.id),
    entitiesWritten: bySubject.size,
    entitiesDeleted: [...affected].filter((id) => !bySubject.has(id)).length,
    claims: finalClaims.length,
    citations: finalClaims.reduce((n, c) => n + c.citations.length, 0),
    revision: null,
  };
  if (options.dryRun || reloaded.length === 0) return result;

  await runner.startTransaction();
  try {
    // every cached answer from before this load becomes unreachable when it commits; the new data version
    // numbers the revision this load makes, if it changes anything
    const version = await nextRevision(runner);
    const revisionOf = (id: string) =>
      changes.revisions.get(id)?.map((r) => r ?? version) ?? [version, version];
    for (const s of reloaded) await writeDocument(runner, s, sourceFor(s, options, storedDocs));
    const ids = [...affected];
    await retractDerivedData(runner, ids);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await runner.query(
        'DELETE ci FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE cl.subject_id IN (?)',
        [chunk],
      );
      await runner.query('DELETE FROM claim WHERE subject_id IN (?)', [chunk]);
      await runner.query('DELETE FROM entity_name WHERE entity_id IN (?)', [chunk]);
      await runner.query('DELETE FROM entity WHERE id IN (?)', [chunk]);
      for (const spec of Object.values(ENTITY_TYPES))
        await runner.query(`DELETE FROM \`${spec.table}\` WHERE id IN (?)`, [chunk]);
    }
    await insertRows(
      runner,
      'entity',
      ['id', 'type'],
      [...bySubject.keys()].map((id) => [id, subjectTypes.get(id)!]),
    );
    for (const [type, list] of rows) {
      const columns = domainColumns(type);
      await insertRows(
        runner,
        ENTITY_TYPES[type].table,
        columns,
        list.map((r) => columns.map((c) => r[c] ?? (c === 'historical' ? 0 : null))),
      );
    }
    await insertRows(
      runner,
      'entity_name',
      TABLE_COLUMNS.entity_name!,
      names.map((n) => [n.entity_id, n.entity_type, n.kind, n.name, n.name_key, n.valid_from, n.valid_to]),
    );
    const position = new Map<string, number>();
    await insertRows(
      runner,
      'claim',
      [...TABLE_COLUMNS.claim!, 'first_revision', 'last_changed_revision'],
      finalClaims.map((c) => {
        const p = (position.get(c.subjectId) ?? 0) + 1;
        position.set(c.subjectId, p);
        return [...claimRow(c, p), ...revisionOf(c.id)];
      }),
    );
    await insertRows(
      runner,
      'citation',
      TABLE_COLUMNS.citation!,
      finalClaims.flatMap((c) => citationRows(c)),
    );
    // rows derived across tables (sort keys, the timeline) for every entity written or removed
    await refreshDerivedData(runner, [...new Set([...affected, ...bySubject.keys()])]);
    if (changesData) {
      await recordRevision(runner, {
        id: version,
        source: 'INGEST',
        documents: [...reloadedIds],
        counts: changes.counts,
        changedEntities: changes.changedEntities,
        removedEntities: new Set([...changes.changedEntities.keys()].filter((id) => !bySubject.has(id))),
      });
      result.revision = { id: version, ...changes.counts };
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
  // Saved statistics otherwise keep the row counts of migration time ("0 rows") across restarts, which
  // misleads the planner and full-text relevance. Cheap: InnoDB samples a few pages per index.
  const written = [
    'document',
    'entity',
    'entity_name',
    'claim',
    'citation',
    ...Object.values(ENTITY_TYPES).map((spec) => spec.table),
    ...DERIVED_DATA_REFRESHERS.flatMap((r) => r.tables ?? []),
  ];
  await runner.query(`ANALYZE TABLE ${[...new Set(written)].map((t) => `\`${t}\``).join(', ')}`);
  return result;
}

/** Reports ids declared twice in a file or with two types; returns the ids in conflict. */
function checkDuplicates(seeds: SeedFile[], problems: Problem[]): Set<string> {
  const conflicted = new Set<string>();
  const documents = new Map<string, string>();
  const types = new Map<string, { type: EntityTypeName; where: string }>();
  for (const s of seeds) {
    const other = documents.get(s.document.id);
    if (other) {
      problems.push({
        file: s.file,
        path: 'document.id',
        message: `duplicate id ${s.document.id}: the document is also in ${other}`,
      });
    }
    documents.set(s.document.id, s.file);
    const inFile = new Set<string>();
    for (const e of s.entities) {
      const seen = types.get(e.id);
      if (inFile.has(e.id)) {
        problems.push({
          file: s.file,
          path: e.path,
          message: `duplicate id ${e.id}: declared twice in this file; merge the two blocks`,
        });
        conflicted.add(e.id);
      } else if (seen && seen.type !== e.type) {
        problems.push({
          file: s.file,
          path: e.path,
          message: `duplicate id ${e.id}: it is a ${seen.type} in ${seen.where}`,
        });
        conflicted.add(e.id);
      }
      inFile.add(e.id);
      if (!seen) types.set(e.id, { type: e.type, where: s.file });
    }
  }
  return conflicted;
}

function sourceFor(
  seed: SeedFile,
  options: LoadOptions,
  stored: Map<string, { text: string | null }>,
): SourceText | undefined {
  if (options.sourcesDir && seed.document.file) return readSourceText(options.sourcesDir, seed.document.file);
  const text = stored.get(seed.document.id)?.text;
  return text ? sourceText(text) : undefined;
}

/**
 * Every quote must stand at its span in its document, with its prefix and suffix around it, and be
 * singled out by them when it occurs more than once; missing spans and context are taken from the text.
 */
function verifyQuotes(
  seeds: SeedFile[],
  options: LoadOptions,
  stored: Map<string, { text: string | null }>,
  problems: Problem[],
): void {
  for (const s of seeds) {
    const source = sourceFor(s, options, stored);
    if (options.sourcesDir && s.document.file && !source) {
      problems.push({
        file: s.file,
        path: 'document.file',
        message: `source text ${s.document.file} not found in ${options.sourcesDir}`,
      });
      continue;
    }
    if (!source) continue;
    if (s.document.textHash && s.document.textHash !== source.hash) {
      problems.push({
        file: s.file,
        path: 'document.textHash',
        message: `the source text's hash is ${source.hash}, not the ${s.document.textHash} this file was curated against`,
      });
    }
    const checked = new Set<object>(); // claims made from one `values` map share their citations
    for (const claim of s.claims) {
      for (const c of claim.citations) {
        if (checked.has(c)) continue;
        checked.add(c);
        const placed = placeQuote(source, c);
        if (!placed.ok)
          problems.push({ ...c.origin, path: `${c.origin.path}.quote`, message: placed.message });
        else {
          c.spanStart = placed.spanStart;
          c.spanEnd = placed.spanEnd;
          c.prefix = placed.prefix;
          c.suffix = placed.suffix;
        }
      }
    }
  }
}

async function readStoredClaims(
  runner: QueryRunner,
  subjects: string[],
  reloaded: Set<string>,
  claims: Map<string, StoredClaim>,
  subjectTypes: Map<string, EntityTypeName>,
  stored: Map<string, StoredClaimState>,
): Promise<void> {
  // every stored claim as it is, citations of reloaded documents included, to tell what the load changes
  const before = new Map<string, { claim: StoredClaim; citations: { id: string; note: string | null }[] }>();
  for (let i = 0; i < subjects.length; i += CHUNK) {
    const rows = (await runner.query(
      `SELECT cl.*, ci.id AS citation_id, ci.document_id, ci.quote, ci.span_start, ci.span_end, ci.quote_prefix, ci.quote_suffix, ci.note AS citation_note
         FROM claim cl LEFT JOIN citation ci ON ci.claim_id = cl.id
        WHERE cl.subject_id IN (?) ORDER BY cl.subject_id, cl.position, ci.position`,
      [subjects.slice(i, i + CHUNK)],
    )) as DbClaimRow[];
    for (const r of rows) {
      subjectTypes.set(r.subject_id, r.subject_type);
      let claim = claims.get(r.id);
      if (!claim) {
        claim = {
          id: r.id,
          subjectId: r.subject_id,
          subjectType: r.subject_type,
          field: r.field,
          value: r.value,
          isRef: r.value_ref !== null,
          rank: r.rank,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          inferred: r.inferred === 1,
          note: r.note,
          citations: [],
          origin: { file: '(database)', path: `${r.subject_type} ${r.subject_id}.${r.field}` },
        };
        claims.set(r.id, claim);
        before.set(r.id, { claim: { ...claim }, citations: [] });
        stored.set(r.id, {
          subjectId: r.subject_id,
          subjectType: r.subject_type,
          fingerprint: '',
          rank: r.rank,
          firstRevision: r.first_revision === null ? null : Number(r.first_revision),
          lastChangedRevision: r.last_changed_revision === null ? null : Number(r.last_changed_revision),
        });
      }
      if (r.citation_id) before.get(r.id)!.citations.push({ id: r.citation_id, note: r.citation_note });
      if (r.citation_id && r.document_id && !reloaded.has(r.document_id)) {
        claim.citations.push({
          id: r.citation_id,
          documentId: r.document_id,
          quote: r.quote!,
          spanStart: r.span_start,
          spanEnd: r.span_end,
          prefix: r.quote_prefix,
          suffix: r.quote_suffix,
          note: r.citation_note,
        });
      }
    }
  }
  for (const [id, b] of before)
    stored.get(id)!.fingerprint = claimFingerprint({ ...b.claim, citations: b.citations });
}

/** Whether loading a document changes what is stored of it (its metadata, or a text now stored). */
function documentChanged(
  stored: DocumentRow | undefined,
  seed: SeedFile,
  source: SourceText | undefined,
): boolean {
  if (!stored) return true;
  const d = seed.document;
  if (source && stored.text === null) return true;
  const now = [d.title, d.publisher, d.author, d.url, d.published, d.publishedNote, d.kind, d.language];
  const then = [
    stored.title,
    stored.publisher,
    stored.author,
    stored.url,
    stored.published,
    stored.published_note,
    stored.kind,
    stored.language,
  ];
  return (
    now.some((v, i) => (v ?? null) !== (then[i] ?? null)) ||
    JSON.stringify(d.qualityNotes) !== stored.quality_notes ||
    (d.file ?? null) !== stored.source_file ||
    (source?.hash ?? d.textHash ?? null) !== stored.text_hash
  );
}

function mergeInput(seed: SeedFile, claims: Map<string, StoredClaim>, problems: Problem[]): void {
  const fromInput = new Set<string>();
  for (const c of seed.claims) {
    const id = claimId(c.subjectId, c.field, c.value, c.validFrom, c.validTo);
    const citations = c.citations.map((ci) => ({
      id: citationId(id, ci.documentId, ci.quote, ci.spanStart),
      documentId: ci.documentId,
      quote: ci.quote,
      spanStart: ci.spanStart,
      spanEnd: ci.spanEnd,
      prefix: ci.prefix,
      suffix: ci.suffix,
      note: ci.note,
    }));
    const existing = claims.get(id);
    if (!existing) {
      claims.set(id, { ...c, id, citations, origin: c.origin });
      fromInput.add(id);
      continue;
    }
    if (fromInput.has(id) || existing.origin.file !== '(database)') {
      if (existing.rank !== c.rank)
        problems.push({
          ...c.origin,
          message: `conflicting rank for the same claim: ${c.rank} here, ${existing.rank} at ${existing.origin.file}: ${existing.origin.path}`,
        });
      if (c.note && existing.note && c.note !== existing.note) existing.note = `${existing.note}\n${c.note}`;
      else existing.note = existing.note ?? c.note;
      existing.inferred ||= c.inferred;
    } else {
      // the stored claim takes what the newest statement of it says
      Object.assign(existing, { rank: c.rank, note: c.note, inferred: c.inferred, origin: c.origin });
      fromInput.add(id);
    }
    for (const ci of citations)
      if (!existing.citations.some((x) => x.id === ci.id)) existing.citations.push(ci);
  }
}

function checkReferences(
  seeds: SeedFile[],
  typeOf: (id: string) => EntityTypeName | undefined,
  problems: Problem[],
): void {
  for (const s of seeds) {
    for (const c of s.claims) {
      if (!c.isRef) continue;
      const spec = ENTITY_TYPES[c.subjectType].fields.find((f) => f.name === c.field)!;
      const target = typeOf(c.value);
      if (!target)
        problems.push({
          ...c.origin,
          message: `unknown reference ${c.value}: no ${spec.targets!.join(' or ')} has that id`,
        });
      else if (!spec.targets!.includes(target))
        problems.push({
          ...c.origin,
          message: `wrong type of reference: ${c.value} is ${article(target)}, ${c.field} takes ${article(spec.targets!.join(' or '))}`,
        });
    }
  }
}

const article = (noun: string) => `${/^[AEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;

async function writeDocument(
  runner: QueryRunner,
  seed: SeedFile,
  source: SourceText | undefined,
): Promise<void> {
  const d = seed.document;
  const values = [
    d.id,
    d.title,
    d.publisher,
    d.author,
    d.url,
    d.published,
    d.publishedNote,
    d.kind,
    d.language,
    JSON.stringify(d.qualityNotes),
    d.file,
    source?.hash ?? d.textHash,
    source?.text ?? null,
    seed.hash,
  ];
  await runner.query(
    `INSERT INTO document (id, title, publisher, author, url, published, published_note, kind, language, quality_notes, source_file, text_hash, text, seed_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE title = VALUES(title), publisher = VALUES(publisher), author = VALUES(author), url = VALUES(url),
       published = VALUES(published), published_note = VALUES(published_note), kind = VALUES(kind), language = VALUES(language),
       quality_notes = VALUES(quality_notes), source_file = VALUES(source_file), text_hash = VALUES(text_hash),
       text = COALESCE(VALUES(text), text), seed_hash = VALUES(seed_hash)`,
    values,
  );
}

async function insertRows(
  runner: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await runner.query(
      `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${placeholders}`,
      chunk.flat(),
    );
  }
}
