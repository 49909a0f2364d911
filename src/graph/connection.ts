/**
 * Cursor connections (the Relay shape): `edges { cursor node }`, `nodes`, `pageInfo`, `totalCount`.
 * Cursors are opaque keyset positions (the sort value and the id of a row), so a page stays correct when
 * rows are inserted before it, unlike offsets.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType('PageInfo', {
  description: 'Where a page stands in its list, and the cursors to fetch its neighbours.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of the page; null for an empty page.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the page; null for an empty page.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the start (after \`after\`): 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (an `endCursor` or edge cursor from an earlier page).',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the end (before \`before\`): 1 to ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items before this cursor (a `startCursor` or edge cursor from a later page).',
  })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionModel<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it: a getter, so the query runs on first read. */
  readonly totalCount: Promise<number> | number;
}

/** Declares `<Name>Edge` and an abstract connection class; subclass it as `@ObjectType('<Name>Connection')`. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, itemsDescription: string) {
  @ObjectType(`${name}Edge`, {
    description: `One ${itemsDescription.replace(/s$/, '')} in a page, with its cursor.`,
  })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this item; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: 'The item.' })
    node!: T;
  }

  // Never referenced by a resolver, so never emitted: only its named subclasses are.
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of the page, each with its cursor.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The items of the page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** A keyset position: the row's sort value and its id (the tie-breaker). */
export type Cursor = [string | number | null, string];

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(argument: string, value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (
      (Array.isArray(parsed) &&
        parsed.length === 2 &&
        typeof parsed[1] === 'string' &&
        ['string', 'number'].includes(typeof parsed[0])) ||
      (Array.isArray(parsed) && parsed[0] === null)
    ) {
      return parsed as Cursor;
    }
  } catch {
    // reported below
  }
  throw badUserInput(
    argument,
    'not a cursor this API returned; pass an `endCursor`, `startCursor` or edge `cursor` unchanged',
  );
}

export interface PageRequest {
  limit: number;
  after: Cursor | null;
  before: Cursor | null;
  /** Backwards: the last `limit` items before `before`. */
  backwards: boolean;
}

/** Validates page arguments; bad values are BAD_USER_INPUT naming the argument and the accepted range. */
export function pageRequest(args: PageArgs): PageRequest {
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
    after: args.after ? decodeCursor('after', args.after) : null,
    before: args.before ? decodeCursor('before', args.before) : null,
    backwards,
  };
}

/** Builds a connection from rows fetched one past the page (limit + 1) in the page's direction. */
export function toConnection<R, T>(
  rows: R[],
  page: PageRequest,
  cursorOf: (row: R) => Cursor,
  toNode: (row: R) => T,
  totalCount: () => Promise<number> | number,
): ConnectionModel<T> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.backwards) kept.reverse();
  const edges = kept.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  let count: Promise<number> | number | undefined;
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.backwards ? page.before !== null : more,
      hasPreviousPage: page.backwards ? more : page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      count ??= totalCount();
      return count;
    },
  };
}

/**
 * The SQL for one keyset page over `sortExpr, id`: a WHERE fragment and an ORDER BY that read the page in
 * its direction (backwards pages are read in reverse and turned round by toConnection).
 */
export function keysetClause(
  sortExpr: string,
  idExpr: string,
  page: PageRequest,
  descending = false,
): { where: string[]; params: (string | number)[]; orderBy: string; limit: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const gt = descending ? '<' : '>';
  const lt = descending ? '>' : '<';
  if (page.after) {
    where.push(`(${sortExpr} ${gt} ? OR (${sortExpr} = ? AND ${idExpr} > ?))`);
    params.push(page.after[0] ?? '', page.after[0] ?? '', page.after[1]);
  }
  if (page.before) {
    where.push(`(${sortExpr} ${lt} ? OR (${sortExpr} = ? AND ${idExpr} < ?))`);
    params.push(page.before[0] ?? '', page.before[0] ?? '', page.before[1]);
  }
  const forward = descending ? 'DESC' : 'ASC';
  const backward = descending ? 'ASC' : 'DESC';
  const dir = page.backwards ? backward : forward;
  const idDir = page.backwards ? 'DESC' : 'ASC';
  return { where, params, orderBy: `${sortExpr} ${dir}, ${idExpr} ${idDir}`, limit: page.limit + 1 };
}

/** A connection over a list already in memory (a short, computed list), paged by the same keyset rules. */
export function listConnection<T>(
  items: T[],
  args: PageArgs,
  keyOf: (item: T) => Cursor,
): ConnectionModel<T> {
  const page = pageRequest(args);
  const compare = (a: Cursor, b: Cursor) =>
    String(a[0]) < String(b[0])
      ? -1
      : String(a[0]) > String(b[0])
        ? 1
        : a[1] < b[1]
          ? -1
          : a[1] > b[1]
            ? 1
            : 0;
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const inRange = sorted.filter(
    (item) =>
      (!page.after || compare(keyOf(item), page.after) > 0) &&
      (!page.before || compare(keyOf(item), page.before) < 0),
  );
  const ordered = page.backwards ? inRange.reverse() : inRange;
  return toConnection(
    ordered.slice(0, page.limit + 1),
    page,
    keyOf,
    (item) => item,
    () => items.length,
  );
}

/**
 * For connections whose edges say more than their cursor (a search hit's score, a timeline entry's date):
 * built with items `{ node, ...extra }`, returned with the extra fields on each edge and plain nodes.
 */
export function withEdgeFields<N, T extends { node: N }>(connection: ConnectionModel<T>): ConnectionModel<N> {
  return {
    edges: connection.edges.map((e) => ({ cursor: e.cursor, ...e.node })) as unknown as Edge<N>[],
    nodes: connection.nodes.map((item) => item.node),
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount;
    },
  };
}
