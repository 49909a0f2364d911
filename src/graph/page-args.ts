/** The page arguments every list takes (`first`/`after`, `last`/`before`), and their checks. */
import { ArgsType, Field, Int } from 'type-graphql';
import { decodeCursor, type Cursor, type CursorShape } from './cursor';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the start (after \`after\`): 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Return items after this cursor (an `endCursor` or edge cursor from an earlier page of the same list and ordering).',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the end (before \`before\`): 1 to ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Return items before this cursor (a `startCursor` or edge cursor from a later page of the same list and ordering).',
  })
  before?: string | null;
}

export interface PageRequest {
  limit: number;
  after: Cursor | null;
  before: Cursor | null;
  /** Backwards: the last `limit` items before `before`. */
  backwards: boolean;
  /** The shape of this list's cursors, when it declares one: new cursors are written in it. */
  shape?: CursorShape;
}

/**
 * Validates page arguments; bad values are BAD_USER_INPUT naming the argument and the accepted range.
 * An empty cursor is not "no cursor": it is refused like any other cursor this API did not write.
 */
export function pageRequest(args: PageArgs, shape?: CursorShape): PageRequest {
  for (const name of ['first', 'last'] as const) {
    const v = args[name];
    if (v !== undefined && v !== null && (v < 1 || v > MAX_PAGE_SIZE))
      throw badUserInput(name, `${v} is out of range: expected 1 to ${MAX_PAGE_SIZE}`);
  }
  if (args.first != null && args.last != null)
    throw badUserInput('last', 'give either `first` or `last`, not both');
  const backwards = args.last != null || (args.before != null && args.first == null);
  return {
    limit: (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    after: args.after != null ? decodeCursor('after', args.after, shape) : null,
    before: args.before != null ? decodeCursor('before', args.before, shape) : null,
    backwards,
    shape,
  };
}
