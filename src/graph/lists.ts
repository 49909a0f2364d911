/**
 * Lists as cursor connections, at the root and nested. A nested list (a country's memberships) is loaded
 * for all parents of one request level in one statement: ROW_NUMBER() per parent cuts each parent's page,
 * so the statement count depends on the shape of the query, never on how many parents or rows there are.
 */
import type { SqlValue } from '../db/database';
import type { Context } from './context';
import {
  keysetClause,
  pageRequest,
  toConnection,
  type ConnectionModel,
  type Cursor,
  type PageArgs,
  type PageRequest,
} from './connection';
import type { Row } from './loaders';

export interface ListSpec {
  /** Names the list in loader caches; lists with different filters need different names. */
  name: string;
  /** The rows' table as `t`, with any joins the sort or the filters need: "membership t". */
  from: string;
  /** For nested lists: the expression naming each row's parent ("t.member_id"). */
  parentExpr?: string;
  where?: string[];
  params?: SqlValue[];
  /** A never-null sort expression; the row id breaks ties. */
  sortExpr: string;
  descending?: boolean;
}

const whereClause = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

function pageSql(
  spec: ListSpec,
  page: PageRequest,
  parentIds: readonly string[] | null,
): { sql: string; params: SqlValue[] } {
  const parent = spec.parentExpr ?? "''";
  const conditions = [...(parentIds ? [`${parent} IN (?)`] : []), ...(spec.where ?? [])];
  const keyset = keysetClause('y.sort_key', 'y.id', page, spec.descending);
  const sql = `SELECT * FROM (
      SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.parent_key ORDER BY ${keyset.orderBy}) AS rn FROM (
        SELECT t.*, ${parent} AS parent_key, ${spec.sortExpr} AS sort_key FROM ${spec.from} ${whereClause(conditions)}
      ) y ${whereClause(keyset.where)}
    ) z WHERE z.rn <= ? ORDER BY z.parent_key, z.rn`;
  return {
    sql,
    params: [...(parentIds ? [parentIds] : []), ...(spec.params ?? []), ...keyset.params, keyset.limit],
  };
}

function countSql(spec: ListSpec, parentIds: readonly string[] | null): { sql: string; params: SqlValue[] } {
  const parent = spec.parentExpr ?? "''";
  const conditions = [...(parentIds ? [`${parent} IN (?)`] : []), ...(spec.where ?? [])];
  return {
    sql: `SELECT ${parent} AS parent_key, COUNT(*) AS n FROM ${spec.from} ${whereClause(conditions)} GROUP BY parent_key`,
    params: [...(parentIds ? [parentIds] : []), ...(spec.params ?? [])],
  };
}

const cursorOf = (row: Row): Cursor => [row.sort_key as string | number | null, String(row.id)];

/** A root list: one statement for the page, one more only if `totalCount` is asked for. */
export async function rootConnection<T>(
  ctx: Context,
  spec: ListSpec,
  args: PageArgs,
  toNode: (row: Row) => T,
): Promise<ConnectionModel<T>> {
  const page = pageRequest(args);
  const { sql, params } = pageSql(spec, page, null);
  const rows = await ctx.db.query<Row>(sql, params);
  return toConnection(rows, page, cursorOf, toNode, async () => {
    const count = countSql(spec, null);
    return Number((await ctx.db.query<{ n: number }>(count.sql, count.params))[0]?.n ?? 0);
  });
}

/** A nested list of one parent, batched with every other parent asking for the same list and page. */
export async function childConnection<T>(
  ctx: Context,
  spec: ListSpec & { parentExpr: string },
  parentId: string,
  args: PageArgs,
  toNode: (row: Row) => T,
): Promise<ConnectionModel<T>> {
  const page = pageRequest(args);
  const pageKey = JSON.stringify([page.limit, page.after, page.before, page.backwards]);
  const rows = await ctx.loaders
    .keyed(`${spec.name}:page:${pageKey}`, async (parents) => {
      const { sql, params } = pageSql(spec, page, parents);
      const found = await ctx.db.query<Row>(sql, params);
      return parents.map((p) => found.filter((r) => String(r.parent_key) === p));
    })
    .load(parentId);
  return toConnection(rows, page, cursorOf, toNode, () =>
    ctx.loaders
      .keyed(`${spec.name}:count`, async (parents) => {
        const { sql, params } = countSql(spec, parents);
        const counts = await ctx.db.query<{ parent_key: string; n: number }>(sql, params);
        return parents.map((p) => Number(counts.find((c) => String(c.parent_key) === p)?.n ?? 0));
      })
      .load(parentId),
  );
}
