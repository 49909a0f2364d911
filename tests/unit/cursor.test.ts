/** The cursor codec of every connection: opaque, reversible, and strict about what it accepts. */
import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, type Cursor } from '../../src/graph/connection';

describe('Cursors: encodeCursor and decodeCursor', () => {
  it.each<[string, Cursor]>([
    ['a text sort value', ['Türkiye', 'turkiye']],
    ['a number sort value', [1991, 'kazakhstan']],
    ['no sort value (unknown dates last)', [null, 'steppe-talks']],
    ['quotes and emoji', ['"a" \u{1F30D}', 'x--y']],
  ])('round-trips %s', (_what, cursor) => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('after', encoded)).toEqual(cursor);
  });

  it.each([
    ['not base64url JSON', 'not a cursor!'],
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
