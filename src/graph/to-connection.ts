/** Turning a page of rows into a connection, and paging a short list that is already in memory. */
import type { ConnectionModel, TotalCount } from './connection';
import { encodeCursor, type Cursor } from './cursor';
import { pageRequest, type PageArgs, type PageRequest } from './page-args';

/** An edge whose cursor is encoded on first read. */
function lazyCursorEdge<T>(cursorAt: (i: number) => string, i: number, node: T): { cursor: string; node: T } {
  return {
    get cursor() {
      return cursorAt(i);
    },
    node,
  };
}

/**
 * Builds a connection from rows fetched one past the page (limit + 1) in the page's direction.
 * `totalCount` runs on first read only: an exact number, or a count that stopped at a cap.
 */
export function toConnection<R, T>(
  rows: R[],
  page: PageRequest,
  cursorOf: (row: R) => Cursor,
  toNode: (row: R) => T,
  totalCount: () => Promise<number | TotalCount> | number | TotalCount,
): ConnectionModel<T> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.backwards) kept.reverse();
  const nodes = kept.map(toNode);
  // cursors and edges are made when they are read: most queries ask for nodes only, or for the end cursor
  const cursors: string[] = [];
  const cursorAt = (i: number) => (cursors[i] ??= encodeCursor(cursorOf(kept[i]!), page.shape));
  let edges: { cursor: string; node: T }[] | undefined;
  let count: Promise<TotalCount> | undefined;
  const counted = () =>
    (count ??= Promise.resolve(totalCount()).then((n) =>
      typeof n === 'number' ? { count: n, capped: false } : n,
    ));
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => lazyCursorEdge(cursorAt, i, node)));
    },
    nodes,
    pageInfo: {
      hasNextPage: page.backwards ? page.before !== null : more,
      hasPreviousPage: page.backwards ? more : page.after !== null,
      get startCursor() {
        return kept.length > 0 ? cursorAt(0) : null;
      },
      get endCursor() {
        return kept.length > 0 ? cursorAt(kept.length - 1) : null;
      },
    },
    get totalCount() {
      return counted().then((c) => c.count);
    },
    get totalCountCapped() {
      return counted().then((c) => c.capped);
    },
  };
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
    edges: connection.edges.map((e) =>
      Object.defineProperty({ ...e.node }, 'cursor', {
        get: () => e.cursor,
        enumerable: true,
      }),
    ) as unknown as ConnectionModel<N>['edges'],
    nodes: connection.nodes.map((item) => item.node),
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount;
    },
    get totalCountCapped() {
      return connection.totalCountCapped;
    },
  };
}
