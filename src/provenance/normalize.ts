/**
 * Text normalisation shared by the loader, the quote checks and the tests.
 *
 * It repairs one thing only: UTF-8 text that was decoded as Windows-1252 and encoded again
 * ("ErdoÄŸan" for "Erdoğan"). Nothing else is changed, so the words of a document keep their
 * order and a citation's span stays meaningful to anyone who applies the same repair.
 */

// Windows-1252 assigns these code points to bytes 0x80-0x9F; Latin-1 maps the rest one to one.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

function cp1252Byte(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  if (code >= 0xa0 && code <= 0xff) return code;
  if (code >= 0x80 && code <= 0x9f) return code; // C1 controls survive Latin-1 round trips
  return CP1252_HIGH[code];
}

/** How many bytes a UTF-8 sequence has, judged by its lead byte; 0 when it cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeStrict(bytes: number[]): string | undefined {
  try {
    return strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Real text can hold a lead-byte letter next to punctuation ("KOÇ’s" is 0xC7 0x92 in Windows-1252),
 * so a sequence is only repaired when it decodes to a character such documents actually use:
 * Latin letters with diacritics, Cyrillic, typographic punctuation, currency signs.
 */
function isPlausibleRepair(decoded: string): boolean {
  const code = decoded.codePointAt(0)!;
  return (
    (code >= 0xa0 && code <= 0x17f) ||
    (code >= 0x400 && code <= 0x4ff) ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x20a0 && code <= 0x20cf) ||
    code === 0x2122
  );
}

/** Repairs double-encoded UTF-8 sequences and leaves every other character as it is. */
export function normalizeText(input: string): string {
  const chars = Array.from(input);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const lead = cp1252Byte(chars[i]!);
    const length = lead === undefined ? 0 : sequenceLength(lead);
    if (length > 0 && i + length <= chars.length) {
      const bytes = [lead!];
      for (let k = 1; k < length; k++) {
        const b = cp1252Byte(chars[i + k]!);
        if (b === undefined || b < 0x80 || b > 0xbf) break;
        bytes.push(b);
      }
      if (bytes.length === length) {
        const repaired = decodeStrict(bytes);
        if (repaired !== undefined && isPlausibleRepair(repaired)) {
          out += repaired;
          i += length - 1;
          continue;
        }
      }
    }
    out += chars[i];
  }
  return out;
}

/** Code points of a text: spans are counted in code points, the same in every language. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** The text between two code-point offsets, end exclusive. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return codePoints(text).slice(start, end).join('');
}

/** Every code-point offset at which `quote` starts in `text`. */
export function findQuote(text: string, quote: string): number[] {
  const found: number[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(quote, from);
    if (at < 0) return found;
    found.push(codePoints(text.slice(0, at)).length);
    from = at + 1;
  }
}
