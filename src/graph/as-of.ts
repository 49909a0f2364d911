/**
 * As-of queries: `asOf` keeps only what was valid at a date by its validity dates. Both the date asked for
 * and every validity date are partial dates standing for every day they may mean, and "valid at" is the
 * overlap of the two intervals, so a year-precision question keeps whatever may have held at some time in
 * that year. Missing or unknown ends are open. Lists filter on the stored `<column>_earliest` and
 * `<column>_latest` (db/list-columns.ts) inside their (parent, sort key) index range, so keyset pages work
 * as without `asOf`; claims are filtered from the subject's claims, which are read by their subject index.
 */
import { ArgsType, Field } from 'type-graphql';
import { dateArg, earliestDay, latestDay } from './filters';
import type { ListSpec } from './lists';

export const AS_OF_DESCRIPTION =
  'Only what was valid at this date, by its validity dates: a partial date ("2006", "2006-05" or "2006-05-17"). ' +
  'The date asked for and every validity date each stand for every day they may mean, and "valid at" means the two intervals overlap: ' +
  'asOf "2006" is any day of 2006, so something valid from "2006-05", or until "2006-02", is kept, and asOf "2006-05-17" keeps something valid from "2006-05". ' +
  'A missing start means valid since before any date asked, a missing end means still valid, and a start or end the sources give only relatively ("unknown") is open like a missing one: what may have been valid is kept. ' +
  'Omit it for everything, whatever its dates.';

@ArgsType()
export class AsOfArgs {
  @Field(() => String, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: string | null;
}

/** A checked `asOf` as the first and last day it may mean; null when not given. */
export interface AsOfDays {
  text: string;
  earliest: string;
  latest: string;
}

export function asOfDays(asOf: string | null | undefined, argument = 'asOf'): AsOfDays | null {
  if (asOf === null || asOf === undefined) return null;
  const text = dateArg(argument, asOf);
  return { text, earliest: earliestDay(text), latest: latestDay(text) };
}

/**
 * How a list's rows say when they held. `from`/`to` are partial-date columns of the list's table with
 * stored bounds; `span` is a condition of its own for rows dated by another table (a participation by its
 * event), written with two placeholders: the last and then the first day asked for.
 */
export type Validity = { from: string; to?: string } | { span: string };

/** Whether a partial date held at a day range: open or unknown ends included (see AS_OF_DESCRIPTION). */
export function validAt(from: string | null, to: string | null, days: AsOfDays): boolean {
  const known = (d: string | null): d is string => d !== null && d !== 'unknown';
  if (known(from) && earliestDay(from) > days.latest) return false;
  if (known(to) && latestDay(to) < days.earliest) return false;
  return true;
}

/**
 * The list restricted to rows valid at `asOf`. The name changes with the date, so each date gets its own
 * loader and cursors, and a cursor of one date is refused by another.
 */
export function asOfList<S extends ListSpec>(
  spec: S,
  validity: Validity,
  asOf: string | null | undefined,
): S {
  const days = asOfDays(asOf);
  if (!days) return spec;
  const where = [...(spec.where ?? [])];
  const params = [...(spec.params ?? [])];
  if ('span' in validity) {
    where.push(validity.span);
    params.push(days.latest, days.earliest);
  } else {
    where.push(`(t.\`${validity.from}_earliest\` IS NULL OR t.\`${validity.from}_earliest\` <= ?)`);
    params.push(days.latest);
    if (validity.to) {
      where.push(`(t.\`${validity.to}_latest\` IS NULL OR t.\`${validity.to}_latest\` >= ?)`);
      params.push(days.earliest);
    }
  }
  return { ...spec, name: `${spec.name}@${days.text}`, where, params };
}

/** Participations dated by their event: its start to its end (or the start of a one-day event). */
export const EVENT_SPAN: Validity = {
  span:
    'EXISTS (SELECT 1 FROM event e WHERE e.id = t.event_id' +
    ' AND (e.start_earliest IS NULL OR e.start_earliest <= ?) AND (e.reach_latest IS NULL OR e.reach_latest >= ?))',
};
