/** The cursor codec of every connection: opaque, reversible, and strict about what it accepts. */
import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, type Cursor, type CursorShape } from '../../src/graph/cursor';

describe('Cursors: encodeCursor and decodeCursor', () => {
  it.each<[string, Cursor]>([
    ['a text sort value', ['Türkiye', 'turkiye']],
    ['a number sort value', [1991, 'kazakhstan']],
    ['quotes and emoji', ['"a" \u{1F30D}', 'x--y']],
  ])('round-trips %s', (_what, cursor) => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('after', encoded)).toEqual(cursor);
  });

  it('round-trips a cursor of a list read from SQL, and refuses it for another list or ordering', () => {
    const byName: CursorShape = { list: 'countries/name', sort: 'string' };
    const encoded = encodeCursor(['Türkiye', 'turkiye'], byName);
    expect(decodeCursor('after', encoded, byName)).toEqual(['Türkiye', 'turkiye']);
    for (const other of [
      { list: 'countries/independence', sort: 'string' },
      { list: 'countries/name', sort: 'number' },
    ] as CursorShape[])
      expect(() => decodeCursor('after', encoded, other)).toThrow(/^Invalid argument "after"/);
    // a two-part cursor of an in-memory list is no cursor of a SQL list either
    expect(() => decodeCursor('after', encodeCursor(['Türkiye', 'turkiye']), byName)).toThrow(
      /^Invalid argument "after"/,
    );
  });

  it.each([
    ['not base64url JSON', 'not a cursor!'],
    ['no sort value', Buffer.from('[null, "x"]').toString('base64url')],
    ['a list where the sort value goes', Buffer.from('[null, [1, 2]]').toString('base64url')],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a one-element array', Buffer.from('["x"]').toString('base64url')],
    ['an id that is not a string', Buffer.from('["x", 5]').toString('base64url')],
    ['a boolean sort value', Buffer.from('[true, "x"]').toString('base64url')],
    ['empty', ''],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_what, value) => {
    let error: unknown;
    try {
      decodeCursor('before', value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).message).toMatch(/^Invalid argument "before"/);
    expect((error as GraphQLError).message).toContain('not a cursor this API returned');
  });
});
