/** Building blocks of list filters: checked arguments and the SQL conditions they become. */
import { registerEnumType } from 'type-graphql';
import type { SqlValue } from '../db/database';
import { SPAN_CLASSES } from '../db/list-columns';
import type { EntityTypeName } from '../provenance/entity-types';
import { fromGlobalId } from '../provenance/ids';
import {
  daysInMonth,
  isPartialDateError,
  parsePartialDate,
  PARTIAL_DATE_END_SUFFIX,
} from '../provenance/partial-date';
import { badUserInput } from './errors';
import type { Branch } from './lists';

export const OrderDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way to sort.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or first in the alphabet first.' },
    DESC: { description: 'Largest, latest or last in the alphabet first.' },
  },
});

/** SQL conditions with their parameters, built up by a list's filter. */
export class Conditions {
  readonly where: string[] = [];
  readonly params: SqlValue[] = [];

  add(condition: string, ...params: SqlValue[]): this {
    this.where.push(condition);
    this.params.push(...params);
    return this;
  }
}

/** A partial date given as an argument ("2025", "2025-04", "2025-04-03"); impossible and empty dates are refused. */
export function dateArg(argument: string, value: string): string {
  const parsed = parsePartialDate(value);
  if (isPartialDateError(parsed) || parsed.precision === 'UNKNOWN') {
    // a range bound must be a date: "unknown" is a value the sources may hold, not one to ask for
    const malformed = !isPartialDateError(parsed) || parsed.error.includes('is not a partial date');
    throw badUserInput(
      argument,
      malformed
        ? `"${value}" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD`
        : (parsed as { error: string }).error,
    );
  }
  return value;
}

/** The checked bounds of a date range argument pair; an absent bound is null, an empty one is refused. */
function rangeArgs(
  from: string | null | undefined,
  to: string | null | undefined,
  names: [string, string],
): { start: string | null; end: string | null } {
  const start = from != null ? dateArg(names[0], from) : null;
  const end = to != null ? dateArg(names[1], to) : null;
  // "2025-04" to "2025" is a valid range: it ends with the last day "2025" may stand for
  if (start && end && earliestDay(start) > latestDay(end))
    throw badUserInput(
      names[1],
      `${end} is before ${names[0]} ${start}: expected a range that ends after it starts`,
    );
  return { start, end };
}

/** The first day a checked partial date may mean: "2025" is 2025-01-01, "2025-04" 2025-04-01. */
export function earliestDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day a checked partial date may mean: "2025" is 2025-12-31, "2024-02" 2024-02-29. */
export function latestDay(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) return `${date}-${daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))}`;
  return date;
}

/**
 * Keeps rows whose partial date (a column with its stored `<column>_earliest` and `<column>_latest`, see
 * db/list-columns.ts) may fall in [from, to]: "2025" overlaps April 2025, so a year-precision date is kept
 * for any range it could belong to. Unknown and missing dates never match a range.
 *
 * When the list is sorted by the same date (`sortColumn`, its `_sort` or `_sort_desc` key), the range also
 * bounds the sort key, so the index on it is read from the range's start: a key is never after its earliest
 * day ("2025" is "2025-00-00"), nor before the start of the year of the last day it may mean.
 */
export function overlapsDateRange(
  c: Conditions,
  column: string,
  from: string | null | undefined,
  to: string | null | undefined,
  names: [string, string],
  sortColumn?: string,
): void {
  const { start, end } = rangeArgs(from, to, names);
  if (start) c.add(`${column}_latest >= ?`, earliestDay(start));
  if (end) c.add(`${column}_earliest <= ?`, latestDay(end));
  if (sortColumn) sortKeyBounds(c, sortColumn, start, end);
}

/** Bounds a date sort key by a checked range: see overlapsDateRange. */
function sortKeyBounds(c: Conditions, sortColumn: string, start: string | null, end: string | null): void {
  if (start) c.add(`${sortColumn} >= ?`, `${start.slice(0, 4)}-00-00`);
  if (end) c.add(`${sortColumn} <= ?`, latestDay(end));
}

/**
 * The same test for rows without stored date bounds (a derived table): compares the partial-date text.
 * Prefer overlapsDateRange, which an index can serve.
 */
export function overlapsRange(
  c: Conditions,
  column: string,
  from: string | null | undefined,
  to: string | null | undefined,
  names: [string, string],
): void {
  const { start, end } = rangeArgs(from, to, names);
  if (start || end) c.add(`${column} IS NOT NULL AND ${column} <> 'unknown'`);
  if (start) c.add(`CONCAT(${column}, '${PARTIAL_DATE_END_SUFFIX}') >= ?`, start);
  if (end) c.add(`${column} <= ?`, `${end}${PARTIAL_DATE_END_SUFFIX}`);
}

/**
 * Keeps events whose span may intersect [from, to], each partial date standing for every day it may
 * mean: those that may still be under way on `from` (their stored `reach_latest`: the end, the start of a
 * one-day event, or any later date for an end known to exist but not when) and that may have begun by
 * `to`. Events with an unknown or missing start never match a range.
 *
 * When the list is sorted by start (`sortColumn`) and `from` is given, the events are read as one range
 * of the start's index per span class (db/list-columns.ts, SPAN_CLASSES), returned as branches, each from
 * the earliest start that can still reach `from`: the day, month or year of `from` for events without an
 * end, `from` less the longest span of the class (read from the index while planning) for events with
 * one, and the beginning for events whose end is known to exist but not when. So the page reads about its
 * own rows, where one range for all events would read every event of the longest span before `from`.
 */
export function overlapsSpanRange(
  c: Conditions,
  from: string | null | undefined,
  to: string | null | undefined,
  names: [string, string],
  sortColumn?: string,
): Branch[] | undefined {
  const { start, end } = rangeArgs(from, to, names);
  if (!start && !end) return undefined;
  c.add('t.start_earliest IS NOT NULL');
  if (start) c.add('t.reach_latest >= ?', earliestDay(start));
  if (end) c.add('t.start_earliest <= ?', latestDay(end));
  if (!sortColumn) return undefined;
  sortKeyBounds(c, sortColumn, null, end);
  if (!start) return undefined;
  const day = earliestDay(start);
  const fixed = (spanClass: number, lowest: string): Branch => ({
    where: [`t.span_class = ${spanClass}`, `${sortColumn} >= ?`],
    params: [lowest],
  });
  // with an end: one class per longest span, and one for longer events
  const withEnd = Array.from({ length: SPAN_CLASSES.withEndUpTo.length + 1 }, (_, n): Branch => ({
    where: [
      `t.span_class = ${SPAN_CLASSES.firstWithEnd + n}`,
      `${sortColumn} > ${earliestStartKey(SPAN_CLASSES.firstWithEnd + n)}`,
    ],
    params: [day],
  }));
  return [
    fixed(SPAN_CLASSES.day, day),
    fixed(SPAN_CLASSES.month, `${day.slice(0, 7)}-00`),
    fixed(SPAN_CLASSES.year, `${day.slice(0, 4)}-00-00`),
    ...withEnd,
    { where: ["t.`end` = 'unknown'"], params: [] },
  ];
}

/**
 * Every start key of a class-`spanClass` event that may reach the day given as the parameter is above
 * this one: the day before (that day less the class's longest span), followed by "~". A key of a date
 * whose first day is at or after the bound sorts after it, at whatever precision ("2019" is "2019-00-00",
 * above "2018-12-31~"), and a key of any earlier date sorts before it.
 */
const earliestStartKey = (spanClass: number) =>
  `CONCAT(DATE_SUB(?, INTERVAL (SELECT GREATEST(0, COALESCE(MAX(e.span_days), 0)) FROM event e WHERE e.span_class = ${spanClass}) + 1 DAY), '~')`;

/** The slug a global-id argument names, checked to be of one of the accepted types. */
export function idArg(argument: string, id: string, types: readonly (EntityTypeName | 'Document')[]): string {
  const decoded = fromGlobalId(id);
  if (!decoded || !types.includes(decoded.type)) {
    throw badUserInput(
      argument,
      `${JSON.stringify(id.slice(0, 60))} is not the id of a ${types.join(' or ')}`,
    );
  }
  return decoded.slug;
}

/**
 * For rows without stored sort keys (a derived table); lists sort by the stored `<column>_sort` instead.
 * A fixed-width sort key for a partial date: "2025" becomes "2025-00-00" and "2025-04" "2025-04-00", so a
 * year sorts just before the days it contains (never as January 1st) and the key can be joined to others
 * ("<date>|<name>") without a shorter date changing the order. Unknown and missing dates sort last, in
 * either direction.
 */
export const dateSortExpr = (column: string, descending = false) =>
  `(CASE WHEN ${column} IS NULL OR ${column} = 'unknown' THEN '${descending ? '0000-00-00' : '9999-99-99'}' WHEN LENGTH(${column}) = 4 THEN CONCAT(${column}, '-00-00') WHEN LENGTH(${column}) = 7 THEN CONCAT(${column}, '-00') ELSE ${column} END)`;
