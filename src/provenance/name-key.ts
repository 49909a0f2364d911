/**
 * The key that names are matched on, regardless of case and diacritics: "Türkiye", "türkiye" and "TURKIYE"
 * all become "turkiye". Letters that Unicode does not decompose (dotless ı, ø, ß, ə...) are mapped by hand.
 */
const EXTRA: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  ß: 'ss',
  ə: 'a',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
};

export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıøßəæœđłþð]/g, (c) => EXTRA[c] ?? c)
    .replace(/[‘’‛`´']/g, "'")
    .replace(/[‐-―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
