/** Source texts: read from SOURCES_DIR, normalised and hashed; quotes are placed in them by provenance/quote-selectors. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { codePoints, normalizeText } from '../provenance/normalize';

export interface SourceText {
  text: string;
  hash: string;
  /** The text as code points, so spans index it directly. */
  points: string[];
}

export function readSourceText(sourcesDir: string, file: string): SourceText | undefined {
  const full = path.join(sourcesDir, path.basename(file));
  if (!fs.existsSync(full)) return undefined;
  return sourceText(fs.readFileSync(full, 'utf8'));
}

export function sourceText(raw: string): SourceText {
  const text = normalizeText(raw);
  return { text, hash: createHash('sha256').update(text).digest('hex'), points: codePoints(text) };
}
