/**
 * The curated file format (seed/README.md), as read from YAML: shapes before validation, and the
 * validated, flattened form that the loader writes.
 */
import type { EntityTypeName, Rank } from '../provenance/entity-types';

/** One problem in the input, located precisely enough for a curator to fix it. */
export interface Problem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.path}: ${problem.message}`;
}

export class InvalidInputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The input is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'InvalidInputError';
  }
}

export interface DocumentInput {
  id: string;
  file: string | null;
  title: string;
  publisher: string | null;
  author: string | null;
  url: string | null;
  published: string | null;
  publishedNote: string | null;
  kind: string;
  language: string | null;
  qualityNotes: string[];
  textHash: string | null;
}

export interface CitationInput {
  documentId: string;
  quote: string;
  spanStart: number | null;
  spanEnd: number | null;
  /** Up to 32 code points before and after the quote in the normalised text (W3C TextQuoteSelector). */
  prefix: string | null;
  suffix: string | null;
  note: string | null;
  /** Where it was written, for messages. */
  origin: { file: string; path: string };
}

export interface ClaimInput {
  subjectId: string;
  subjectType: EntityTypeName;
  field: string;
  /** The value as a canonical string ("2025-04", "556800000", "true", a slug for references). */
  value: string;
  isRef: boolean;
  rank: Rank;
  validFrom: string | null;
  validTo: string | null;
  inferred: boolean;
  note: string | null;
  citations: CitationInput[];
  origin: { file: string; path: string };
}

/** A parsed, individually valid file: one document and the claims it supports. */
export interface SeedFile {
  file: string;
  /** Hash of the file's content: a document whose file is unchanged is not reloaded. */
  hash: string;
  document: DocumentInput;
  /** Every entity the file declares, with its type and where it was declared. */
  entities: { id: string; type: EntityTypeName; path: string }[];
  claims: ClaimInput[];
}
