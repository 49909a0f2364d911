/** Name folding: names match regardless of case, diacritics, apostrophes, dashes and spacing. */
import { nameKey } from '../../src/provenance/name-key';

describe('Names: nameKey', () => {
  it.each([
    ['Türkiye', 'turkiye'],
    ['TÜRKİYE', 'turkiye'],
    ['türkiye', 'turkiye'],
    ['Qazaqstan', 'qazaqstan'],
    ['Azərbaycan', 'azarbaycan'],
    ['Işık', 'isik'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Ærø', 'aero'],
    ['Oʻzbekiston', 'oʻzbekiston'],
    ['Côte d’Ivoire', "cote d'ivoire"],
    ['Guinea‐Bissau', 'guinea-bissau'],
    ['  Organization   of\tTurkic  States ', 'organization of turkic states'],
  ])('folds %j to %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('gives the same key to every spelling of one name, and different keys to different names', () => {
    expect(new Set(['Türkiye', 'TURKIYE', 'türkiye', 'Turkiye']).size).toBe(4);
    expect(new Set(['Türkiye', 'TURKIYE', 'türkiye', 'Turkiye'].map(nameKey))).toEqual(new Set(['turkiye']));
    expect(nameKey('Turkey')).not.toBe(nameKey('Türkiye'));
  });
});
