/**
 * Partial dates: "2009", "2025-04", "2025-04-03", or "unknown" for a date a source gives only relatively
 * ("this week"). They are stored as that text, which sorts correctly as ASCII ("2025" < "2025-04" < "2025-04-03"),
 * and never padded to a full date: "2009" must not become 2009-01-01.
 */

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY' | 'UNKNOWN';

export interface PartialDateValue {
  text: string;
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
}

export const UNKNOWN_DATE = 'unknown';
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses a partial date; returns an explanation instead when the text is malformed or impossible. */
export function parsePartialDate(text: string): PartialDateValue | { error: string } {
  if (text === UNKNOWN_DATE) return { text, precision: 'UNKNOWN', year: null, month: null, day: null };
  const match = PATTERN.exec(text);
  if (!match)
    return { error: `"${text}" is not a partial date: expected YYYY, YYYY-MM, YYYY-MM-DD or "unknown"` };
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12))
    return { error: `"${text}" has month ${month}: expected 01 to 12` };
  if (day !== null) {
    const days = daysInMonth(year, month!);
    if (day < 1 || day > days)
      return { error: `"${text}" is not a date: ${match[1]}-${match[2]} has ${days} days` };
  }
  return { text, precision: day !== null ? 'DAY' : month !== null ? 'MONTH' : 'YEAR', year, month, day };
}

/**
 * Days in a month of the proleptic Gregorian calendar, by arithmetic: JavaScript's Date reads the years
 * 0 to 99 as 1900 to 1999, which would make February 0000 (a leap year) 28 days long.
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isPartialDateError(value: PartialDateValue | { error: string }): value is { error: string } {
  return 'error' in value;
}

/** The value of a stored partial date, or null when there is none. */
export function toPartialDate(text: string | null | undefined): PartialDateValue | null {
  if (text === null || text === undefined) return null;
  const parsed = parsePartialDate(text);
  return isPartialDateError(parsed) ? null : parsed;
}

/**
 * The last day-precision text a partial date may stand for, as a sortable string: "2025" ends after
 * "2025-12-31" because "~" sorts after every digit and "-". Used to test overlap with a date range.
 */
export const PARTIAL_DATE_END_SUFFIX = '~';
