/**
 * The cursor codec. A cursor is an opaque keyset position: base64url of a JSON array. A list read from
 * SQL writes `[list, sortValue, id]`, so a cursor names the list and ordering it came from and is refused
 * anywhere else; a list paged in memory writes `[sortValue, id]`. Only those exact shapes decode: a cursor
 * is never trusted to carry anything else into a statement.
 */
import { badUserInput } from './errors';

/** A keyset position: the row's sort value and its id (the tie-breaker). */
export type Cursor = [string | number, string];

/** What a list's cursors hold: the list they belong to and the type of its sort value. */
export interface CursorShape {
  /** Names the list and its ordering ("countries/name"); a cursor of another list is refused. */
  list: string;
  sort: 'string' | 'number';
}

/** Longest sort value a cursor may carry (the longest stored sort key, with room to spare). */
const MAX_SORT_LENGTH = 1000;
/** Longest id (ids are VARCHAR(100)). */
const MAX_ID_LENGTH = 100;

export function encodeCursor(cursor: Cursor, shape?: CursorShape): string {
  const parts = shape ? [shape.list, cursor[0], cursor[1]] : cursor;
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;

function isSortValue(v: unknown, type?: CursorShape['sort']): v is string | number {
  if (typeof v === 'string') return (type ?? 'string') === 'string' && v.length <= MAX_SORT_LENGTH;
  if (typeof v === 'number') return (type ?? 'number') === 'number' && Number.isFinite(v);
  return false;
}

/** Decodes a cursor of the given shape; anything else is BAD_USER_INPUT naming the argument. */
export function decodeCursor(argument: string, value: string, shape?: CursorShape): Cursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (shape && Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === 'string') {
    if (parsed[0] !== shape.list)
      throw badUserInput(
        argument,
        'a cursor of another list or ordering: pass a cursor that this list, in this order, returned',
      );
    if (isSortValue(parsed[1], shape.sort) && isId(parsed[2])) return [parsed[1], parsed[2]];
  } else if (!shape && Array.isArray(parsed) && parsed.length === 2) {
    if (isSortValue(parsed[0]) && isId(parsed[1])) return [parsed[0], parsed[1]];
  }
  throw badUserInput(
    argument,
    'not a cursor this API returned; pass an `endCursor`, `startCursor` or edge `cursor` unchanged',
  );
}
