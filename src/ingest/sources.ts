/** Source texts: read from SOURCES_DIR, normalised, hashed, and used to verify every quote and span. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { codePoints, findQuote, normalizeText } from '../provenance/normalize';

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

export type QuoteCheck = { ok: true; spanStart: number; spanEnd: number } | { ok: false; message: string };

/** Checks a quote against its document: at its span when one is given, otherwise found exactly once. */
export function checkQuote(
  source: SourceText,
  quote: string,
  spanStart: number | null,
  spanEnd: number | null,
): QuoteCheck {
  const length = codePoints(quote).length;
  if (spanStart !== null && spanEnd !== null) {
    const there = source.points.slice(spanStart, spanEnd).join('');
    if (there === quote) return { ok: true, spanStart, spanEnd };
    const found = findQuote(source.text, quote);
    return {
      ok: false,
      message:
        found.length === 0
          ? `quote not found in its document: ${JSON.stringify(quote)}`
          : `quote not at its span [${spanStart}, ${spanEnd}] (the text there reads ${JSON.stringify(there.slice(0, 80))}); it stands at [${found[0]}, ${found[0]! + length}]`,
    };
  }
  const found = findQuote(source.text, quote);
  if (found.length === 1) return { ok: true, spanStart: found[0]!, spanEnd: found[0]! + length };
  if (found.length === 0)
    return { ok: false, message: `quote not found in its document: ${JSON.stringify(quote)}` };
  return {
    ok: false,
    message: `quote is ambiguous: it occurs ${found.length} times in its document; give its span or a longer quote`,
  };
}
