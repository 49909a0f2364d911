/**
 * W3C Web Annotation selectors for a quote (https://www.w3.org/TR/annotation-model/#selectors): a
 * TextQuoteSelector (`exact` with up to 32 code points of `prefix` and `suffix`) and a
 * TextPositionSelector (`start`, `end` in code points of the normalised text, end exclusive). The ingest,
 * `seed:locate` and the synthetic generator all place quotes with these functions.
 */
import { codePoints, findQuote } from './normalize';

/** The longest prefix or suffix kept with a quote, in code points (what annotation tools commonly keep). */
export const CONTEXT_LENGTH = 32;

/** A normalised text with its code points, so offsets index it directly. */
export interface IndexedText {
  text: string;
  points: string[];
}

/** What a citation states about its place: the quote, and whatever of span and context it gives. */
export interface QuoteSelectorInput {
  quote: string;
  spanStart: number | null;
  spanEnd: number | null;
  prefix: string | null;
  suffix: string | null;
}

export interface PlacedQuote {
  spanStart: number;
  spanEnd: number;
  prefix: string;
  suffix: string;
}

export type QuotePlacement = ({ ok: true } & PlacedQuote) | { ok: false; message: string };

/** The context around code points [start, end): up to CONTEXT_LENGTH code points on each side. */
export function contextAt(points: string[], start: number, end: number): { prefix: string; suffix: string } {
  return {
    prefix: points.slice(Math.max(0, start - CONTEXT_LENGTH), start).join(''),
    suffix: points.slice(end, end + CONTEXT_LENGTH).join(''),
  };
}

/** Where `exact` starts at each place `prefix + exact + suffix` occurs, in code points. */
export function selectedStarts(text: string, exact: string, prefix: string, suffix: string): number[] {
  const skip = codePoints(prefix).length;
  return findQuote(text, prefix + exact + suffix).map((at) => at + skip);
}

/**
 * Places a quote in its document. The quote must occur; a given span must read the quote; a given prefix
 * and suffix must stand around it. A quote that occurs more than once is refused unless its prefix and
 * suffix single out one place (a span alone does not: a client holding only the selector could not tell
 * the places apart). Missing context is taken from the text.
 */
export function placeQuote(source: IndexedText, input: QuoteSelectorInput): QuotePlacement {
  const { quote } = input;
  const length = codePoints(quote).length;
  const occurrences = findQuote(source.text, quote);
  if (occurrences.length === 0)
    return { ok: false, message: `quote not found in its document: ${JSON.stringify(quote)}` };
  if (input.spanStart !== null && input.spanEnd !== null) {
    const there = source.points.slice(input.spanStart, input.spanEnd).join('');
    if (there !== quote)
      return {
        ok: false,
        message: `quote not at its span [${input.spanStart}, ${input.spanEnd}] (the text there reads ${JSON.stringify(there.slice(0, 80))}); it stands at [${occurrences[0]}, ${occurrences[0]! + length}]`,
      };
  }
  const hasContext = input.prefix !== null || input.suffix !== null;
  const selected = selectedStarts(source.text, quote, input.prefix ?? '', input.suffix ?? '');
  const start = input.spanStart ?? selected[0];
  if (start === undefined || !selected.includes(start)) {
    const around = contextAt(source.points, start ?? occurrences[0]!, (start ?? occurrences[0]!) + length);
    return {
      ok: false,
      message: `the prefix and suffix of ${JSON.stringify(quote)} do not match its document: the text around ${input.spanStart === null ? 'the quote' : 'its span'} reads ${JSON.stringify(around.prefix)} before and ${JSON.stringify(around.suffix)} after; npm run seed:locate refills them`,
    };
  }
  if (selected.length > 1)
    return {
      ok: false,
      message: `quote is ambiguous: ${JSON.stringify(quote)} occurs ${occurrences.length} times in its document and ${hasContext ? `its prefix and suffix still match ${selected.length} places` : 'no prefix or suffix singles one out'}; give the context that makes it unique (npm run seed:locate fills it in)`,
    };
  const context = contextAt(source.points, start, start + length);
  return {
    ok: true,
    spanStart: start,
    spanEnd: start + length,
    prefix: input.prefix ?? context.prefix,
    suffix: input.suffix ?? context.suffix,
  };
}
