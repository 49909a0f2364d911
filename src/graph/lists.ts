/**
 * Lists as cursor connections, at the root and nested, each page read as an index range.
 *
 * A root list is one keyset statement, `WHERE <filters> AND <keyset> ORDER BY <sort column>, id LIMIT n+1`,
 * over a stored sort column that an index (filter columns, sort column, id) serves, so it reads about
 * n+1 rows whatever the size of the table. A nested list (a country's memberships) is loaded for every
 * parent of one request level in one statement: a UNION ALL of one such keyset range per parent over a
 * (parent, sort column, id) index, so each parent costs its page, even a document with a million
 * citations, and the statement count depends on the shape of the query, never on the data.
 */
import type { SqlValue } from '../db/database';
import { TOTAL_COUNT_CAP, type ConnectionModel, type TotalCount } from './connection';
import type { Cursor, CursorShape } from './cursor';
import { keysetClause } from './keyset';
import type { Context } from './context';
import type { Row } from './loaders';
import { pageRequest, type PageArgs, type PageRequest } from './page-args';
import { toConnection } from './to-connection';

export interface ListSpec {
  /** Names the list in cursors and loader caches; lists with different filters need different names. */
  name: string;
  /** The table the rows come from, read as `t`. */
  table: string;
  /** What to select; every column by default. */
  columns?: string;
  /**
   * For nested lists: the column(s) naming each row's parent. With several, a row belongs to the parent
   * named in any of them, once (a figure about a pair is listed under its subject and its counterpart).
   */
  parentColumns?: string[];
  where?: string[];
  params?: SqlValue[];
  /**
   * For root lists whose filter is an OR that no single index range serves: disjoint alternatives, each
   * read as its own range (with `where`) and merged in order.
   */
  branches?: Branch[];
  /** A stored, indexed, never-null column of `table` to sort by; the row id breaks ties. */
  sortColumn: string;
  /** The type of the sort column's values as mysql2 returns them; text by default. */
  sortType?: CursorShape['sort'];
  descending?: boolean;
}

const and = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : 'TRUE');

/** Which list and ordering a cursor belongs to: its name, sort column and direction. */
function shapeOf(spec: ListSpec): CursorShape {
  return {
    list: `${spec.name}/${spec.sortColumn}${spec.descending ? '/desc' : ''}`,
    sort: spec.sortType ?? 'string',
  };
}

interface Statement {
  sql: string;
  params: SqlValue[];
}

/** Conditions that pick one index range out of a list: one parent column's value, or one root branch. */
export interface Branch {
  where: string[];
  params: SqlValue[];
}

/** The ranges of one parent: one per parent column, each leaving out rows an earlier column already has. */
function parentBranches(spec: ListSpec, id: string): Branch[] {
  return spec.parentColumns!.map((column, n) => ({
    where: [
      `t.\`${column}\` = ?`,
      ...spec
        .parentColumns!.slice(0, n)
        .map((earlier) => `(t.\`${earlier}\` IS NULL OR t.\`${earlier}\` <> ?)`),
    ],
    params: Array<SqlValue>(n + 1).fill(id),
  }));
}

/** One keyset range of the list within a branch; `ord` numbers the parent it is read for. */
function rangeSql(spec: ListSpec, page: PageRequest, branch: Branch | null, ord?: number): Statement {
  const sort = `t.\`${spec.sortColumn}\``;
  const keyset = keysetClause(sort, 't.id', page, spec.descending);
  const conditions = [...(branch?.where ?? []), ...(spec.where ?? []), ...keyset.where];
  const params: SqlValue[] = [
    ...(ord !== undefined ? [ord] : []),
    ...(branch?.params ?? []),
    ...(spec.params ?? []),
    ...keyset.params,
  ];
  return {
    sql: `SELECT ${ord !== undefined ? '? AS parent_ord, ' : ''}${spec.columns ?? 't.*'}, ${sort} AS sort_key FROM \`${spec.table}\` t WHERE ${and(conditions)} ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
    params,
  };
}

/** The page over several disjoint branches: each branch's range, merged in order and cut to the page. */
function mergedSql(spec: ListSpec, page: PageRequest, branches: (Branch | null)[], ord?: number): Statement {
  if (branches.length === 1) return rangeSql(spec, page, branches[0]!, ord);
  const ranges = branches.map((b) => rangeSql(spec, page, b));
  const keyset = keysetClause('u.sort_key', 'u.id', page, spec.descending);
  return {
    sql: `SELECT ${ord !== undefined ? '? AS parent_ord, ' : ''}u.* FROM (${ranges.map((r) => `(${r.sql})`).join(' UNION ALL ')}) u ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
    params: [...(ord !== undefined ? [ord] : []), ...ranges.flatMap((r) => r.params)],
  };
}

/** The page of every parent: per parent, its range (or the merge of its ranges), in one statement. */
function parentsPageSql(spec: ListSpec, page: PageRequest, parentIds: readonly string[]): Statement {
  const parts = parentIds.map((id, ord) => mergedSql(spec, page, parentBranches(spec, id), ord));
  const dir = Boolean(spec.descending) !== page.backwards ? 'DESC' : 'ASC';
  return {
    // the outer sort orders only the rows returned: at most n+1 per parent
    sql: `${parts.map((p) => `(${p.sql})`).join(' UNION ALL ')} ORDER BY parent_ord, sort_key ${dir}, id ${dir}`,
    params: parts.flatMap((p) => p.params),
  };
}

/** Counts stop at the cap: per branch an index range of at most TOTAL_COUNT_CAP + 1 entries. */
function countSql(spec: ListSpec, branches: (Branch | null)[]): Statement {
  const ranges = branches.map((b) => ({
    sql: `SELECT 1 FROM \`${spec.table}\` t WHERE ${and([...(b?.where ?? []), ...(spec.where ?? [])])} LIMIT ${TOTAL_COUNT_CAP + 1}`,
    params: [...(b?.params ?? []), ...(spec.params ?? [])],
  }));
  return {
    sql: `SELECT COUNT(*) AS n FROM (${ranges.map((r) => `(${r.sql})`).join(' UNION ALL ')}) c`,
    params: ranges.flatMap((r) => r.params),
  };
}

const capped = (n: number): TotalCount => ({
  count: Math.min(n, TOTAL_COUNT_CAP),
  capped: n > TOTAL_COUNT_CAP,
});

const cursorOf = (row: Row): Cursor => [row.sort_key as string | number, String(row.id)];

/** A root list: one statement for the page, one more only if `totalCount` is asked for. */
export async function rootConnection<T>(
  ctx: Context,
  spec: ListSpec,
  args: PageArgs,
  toNode: (row: Row) => T,
): Promise<ConnectionModel<T>> {
  const page = pageRequest(args, shapeOf(spec));
  const branches = spec.branches ?? [null];
  const { sql, params } = mergedSql(spec, page, branches);
  const rows = await ctx.db.query<Row>(sql, params);
  return toConnection(rows, page, cursorOf, toNode, async () => {
    const count = countSql(spec, branches);
    return capped(Number((await ctx.db.query<{ n: number }>(count.sql, count.params))[0]?.n ?? 0));
  });
}

// A nested list is often asked for under many appearances of one parent (an organization's members under
// every membership naming it). Per request, the first call for a parent, list and page is kept: later calls
// share its promise, and once it has settled they get the connection itself (it is only read), without a
// DataLoader cache hit, a new connection and a turn of the microtask queue each.
const connectionsOfRequest = new WeakMap<
  Context['loaders'],
  Map<string, { toNode: unknown; connection: ConnectionModel<unknown> | Promise<ConnectionModel<unknown>> }>
>();

/** A nested list of one parent, batched with every other parent asking for the same list and page. */
export function childConnection<T>(
  ctx: Context,
  spec: ListSpec & { parentColumns: string[] },
  parentId: string,
  args: PageArgs,
  toNode: (row: Row) => T,
): ConnectionModel<T> | Promise<ConnectionModel<T>> {
  const shape = shapeOf(spec);
  const page = pageRequest(args, shape);
  const pageKey = JSON.stringify([page.limit, page.after, page.before, page.backwards]);
  let connections = connectionsOfRequest.get(ctx.loaders);
  if (!connections) connectionsOfRequest.set(ctx.loaders, (connections = new Map()));
  const key = `${shape.list}:${pageKey}:${parentId}`;
  const known = connections.get(key);
  if (known?.toNode === toNode) return known.connection as ConnectionModel<T> | Promise<ConnectionModel<T>>;
  const loading = ctx.loaders
    .keyed(`${spec.name}:page:${pageKey}`, async (parents) => {
      const { sql, params } = parentsPageSql(spec, page, parents);
      const groups: Row[][] = parents.map(() => []);
      for (const row of await ctx.db.query<Row>(sql, params)) groups[Number(row.parent_ord)]!.push(row);
      return groups;
    })
    .load(parentId)
    .then(
      (rows) => {
        const connection = toConnection(rows, page, cursorOf, toNode, () =>
          ctx.loaders
            .keyed(`${spec.name}:count`, async (parents) => {
              const counts = parents.map((p) => countSql(spec, parentBranches(spec, p)));
              const found = await ctx.db.query<{ parent_ord: number; n: number }>(
                counts.map((c, n) => `SELECT ${n} AS parent_ord, x.n FROM (${c.sql}) x`).join(' UNION ALL '),
                counts.flatMap((c) => c.params),
              );
              return parents.map((_, n) =>
                capped(Number(found.find((f) => Number(f.parent_ord) === n)?.n ?? 0)),
              );
            })
            .load(parentId),
        );
        connections.set(key, { toNode, connection: connection as ConnectionModel<unknown> });
        return connection;
      },
      (error: unknown) => {
        connections.delete(key);
        throw error;
      },
    );
  connections.set(key, { toNode, connection: loading as Promise<ConnectionModel<unknown>> });
  return loading;
}
