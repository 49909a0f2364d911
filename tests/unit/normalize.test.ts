/** Text normalisation: double-encoded UTF-8 is repaired and nothing else changes; spans count code points. */
import { codePoints, findQuote, normalizeText, sliceCodePoints } from '../../src/provenance/normalize';

describe('Texts: normalizeText', () => {
  it.each([
    ['ErdoÄŸan', 'Erdoğan'],
    ['TÃ¼rkiye', 'Türkiye'],
    ['Ä°stanbul', 'İstanbul'],
    ['Ð\u0091Ð¸ÑˆÐºÐµÐº', 'Бишкек'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['100 â‚¬', '100 €'],
  ])('repairs %j to %j', (broken, repaired) => {
    expect(normalizeText(broken)).toBe(repaired);
  });

  it.each([
    'Türkiye, İstanbul, Qazaqstan, Oʻzbekiston, KOÇ’s',
    'Қазақстан Республикасы',
    'plain ASCII text, with "quotes" and 1,000 numbers.',
    'Ã alone at the end: Ã',
    '',
  ])('leaves %j exactly as it is', (text) => {
    expect(normalizeText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = normalizeText('ErdoÄŸan and TÃ¼rkiye');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('Texts: code-point spans', () => {
  const text = 'The 🌍 and Türkiye: Türkiye again.';

  it('counts an emoji as one code point', () => {
    expect(codePoints('a🌍b')).toEqual(['a', '🌍', 'b']);
    expect(sliceCodePoints(text, 4, 5)).toBe('🌍');
  });

  it('finds every occurrence at code-point offsets that slice back to the quote', () => {
    const found = findQuote(text, 'Türkiye');
    expect(found).toEqual([10, 19]);
    for (const at of found) expect(sliceCodePoints(text, at, at + 7)).toBe('Türkiye');
    expect(findQuote(text, 'Kazakhstan')).toEqual([]);
  });
});
