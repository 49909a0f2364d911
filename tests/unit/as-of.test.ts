/** As-of: the precision rules of "valid at", on partial dates at every precision and with open ends. */
import 'reflect-metadata';
import { asOfDays, validAt } from '../../src/graph/as-of';

const at = (asOf: string) => asOfDays(asOf)!;

describe('As-of: valid at a date', () => {
  it('reads the date asked for as every day it may mean', () => {
    expect(at('2006')).toEqual({ text: '2006', earliest: '2006-01-01', latest: '2006-12-31' });
    expect(at('2024-02')).toEqual({ text: '2024-02', earliest: '2024-02-01', latest: '2024-02-29' });
    expect(at('2006-05-17')).toEqual({ text: '2006-05-17', earliest: '2006-05-17', latest: '2006-05-17' });
    expect(asOfDays(null)).toBeNull();
  });

  it.each([
    // [validFrom, validTo, asOf, valid]
    ['2006-05', null, '2006', true], // began during the year asked for: the intervals overlap
    [null, '2006-02', '2006', true], // ended during it
    ['2007', null, '2006', false], // began after it
    [null, '2005-12-31', '2006', false], // ended before it
    ['2006', null, '2006-05-17', true], // a year-precision start may mean any day of 2006
    ['2006', '2006', '2006-12-31', true],
    ['2006-06', null, '2006-05-17', false],
    ['2009', '2021', '2021-12', true], // a year-precision end lasts to its last day
    ['2009', '2021', '2022', false],
    [null, null, '1900', true], // no dates: valid at any date
    ['unknown', null, '1900', true], // a start known to exist but not when is open
    ['2009', 'unknown', '2100', true], // so is an end
  ])('from %j to %j, as of %j: %j', (from, to, asOf, valid) => {
    expect(validAt(from, to, at(asOf))).toBe(valid);
  });

  it('refuses a date that is not one, naming the argument', () => {
    expect(() => asOfDays('2006-13')).toThrow(/Invalid argument "asOf": "2006-13" has month 13/);
    expect(() => asOfDays('unknown')).toThrow(/Invalid argument "asOf": "unknown" is not a date/);
  });
});
