/** Partial dates: kept at the precision a source gives, never padded, checked for impossible days. */
import { isPartialDateError, parsePartialDate, toPartialDate } from '../../src/provenance/partial-date';

describe('Partial dates: parsePartialDate', () => {
  it.each([
    ['2009', { text: '2009', precision: 'YEAR', year: 2009, month: null, day: null }],
    ['2025-04', { text: '2025-04', precision: 'MONTH', year: 2025, month: 4, day: null }],
    ['2025-04-03', { text: '2025-04-03', precision: 'DAY', year: 2025, month: 4, day: 3 }],
    ['2024-02-29', { text: '2024-02-29', precision: 'DAY', year: 2024, month: 2, day: 29 }],
    ['unknown', { text: 'unknown', precision: 'UNKNOWN', year: null, month: null, day: null }],
  ])('reads %j at its own precision', (text, expected) => {
    expect(parsePartialDate(text)).toEqual(expected);
  });

  it.each([
    ['2009-1', '"2009-1" is not a partial date: expected YYYY, YYYY-MM, YYYY-MM-DD or "unknown"'],
    ['09', '"09" is not a partial date: expected YYYY, YYYY-MM, YYYY-MM-DD or "unknown"'],
    [
      '2009-01-01T00:00',
      '"2009-01-01T00:00" is not a partial date: expected YYYY, YYYY-MM, YYYY-MM-DD or "unknown"',
    ],
    ['2025-13', '"2025-13" has month 13: expected 01 to 12'],
    ['2025-00', '"2025-00" has month 0: expected 01 to 12'],
    ['2023-02-29', '"2023-02-29" is not a date: 2023-02 has 28 days'],
    ['2025-04-31', '"2025-04-31" is not a date: 2025-04 has 30 days'],
    ['2025-04-00', '"2025-04-00" is not a date: 2025-04 has 30 days'],
  ])('explains why %j is refused', (text, error) => {
    const parsed = parsePartialDate(text);
    expect(isPartialDateError(parsed)).toBe(true);
    expect(parsed).toEqual({ error });
  });

  it('sorts as text in date order, a year before the days it contains', () => {
    const texts = ['2025-04-03', '2009', '2025', '2025-04', '2024-12-31'];
    expect([...texts].sort()).toEqual(['2009', '2024-12-31', '2025', '2025-04', '2025-04-03']);
  });

  it('gives null for a missing or malformed stored value', () => {
    expect(toPartialDate(null)).toBeNull();
    expect(toPartialDate(undefined)).toBeNull();
    expect(toPartialDate('spring 2020')).toBeNull();
    expect(toPartialDate('2020')?.precision).toBe('YEAR');
  });
});
