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

/** One keyset range of the list, optionally within one parent column's value. */
function rangeSql(
  spec: ListSpec,
  page: PageRequest,
  parent: { column: number; id: string; ord?: number } | null,
): Statement {
  const sort = `t.\`${spec.sortColumn}\``;
  const keyset = keysetClause(sort, 't.id', page, spec.descending);
  const conditions: string[] = [];
  const params: SqlValue[] = parent?.ord !== undefined ? [parent.ord] : [];
  if (parent) {
    const columns = spec.parentColumns!;
    conditions.push(`t.\`${columns[parent.column]}\` = ?`);
    params.push(parent.id);
    // a row naming this parent in an earlier column is already in that column's range
    for (const earlier of columns.slice(0, parent.column)) {
      conditions.push(`(t.\`${earlier}\` IS NULL OR t.\`${earlier}\` <> ?)`);
      params.push(parent.id);
    }
  }
  conditions.push(...(spec.where ?? []), ...keyset.where);
  params.push(...(spec.params ?? []), ...keyset.params);
  return {
    sql: `SELECT ${parent?.ord !== undefined ? '? AS parent_ord, ' : ''}${spec.columns ?? 't.*'}, ${sort} AS sort_key FROM \`${spec.table}\` t WHERE ${and(conditions)} ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
    params,
  };
}

/** The page of every parent: per parent, its range (or the merge of its ranges), in one statement. */
function parentsPageSql(spec: ListSpec, page: PageRequest, parentIds: readonly string[]): Statement {
  const columns = spec.parentColumns!;
  const keyset = keysetClause('u.sort_key', 'u.id', page, spec.descending);
  const parts = parentIds.map((id, ord) => {
    if (columns.length === 1) return rangeSql(spec, page, { column: 0, id, ord });
    const ranges = columns.map((_, column) => rangeSql(spec, page, { column, id }));
    const params: SqlValue[] = [ord, ...ranges.flatMap((r) => r.params)];
    const union = ranges.map((r) => `(${r.sql})`).join(' UNION ALL ');
    return {
      sql: `SELECT ? AS parent_ord, u.* FROM (${union}) u ORDER BY ${keyset.orderBy} LIMIT ${keyset.limit}`,
      params,
    };
  });
  const dir = Boolean(spec.descending) !== page.backwards ? 'DESC' : 'ASC';
  return {
    // the outer sort orders only the rows returned: at most n+1 per parent
    sql: `${parts.map((p) => `(${p.sql})`).join(' UNION ALL ')} ORDER BY parent_ord, sort_key ${dir}, id ${dir}`,
    params: parts.flatMap((p) => p.params),
  };
}

/** Counts stop at the cap: an index range of at most TOTAL_COUNT_CAP + 1 entries. */
function countSql(spec: ListSpec, parent: string | null): Statement {
  const conditions = [...(spec.where ?? [])];
  const ranges: Statement[] = [];
  const columns = parent === null ? [null] : spec.parentColumns!;
  columns.forEach((column, n) => {
    const own: string[] = [];
    const params: SqlValue[] = [];
    if (column !== null) {
      own.push(`t.\`${column}\` = ?`);
      params.push(parent);
      for (const earlier of spec.parentColumns!.slice(0, n)) {
        own.push(`(t.\`${earlier}\` IS NULL OR t.\`${earlier}\` <> ?)`);
        params.push(parent);
      }
    }
    ranges.push({
      sql: `SELECT 1 FROM \`${spec.table}\` t WHERE ${and([...own, ...conditions])} LIMIT ${TOTAL_COUNT_CAP + 1}`,
      params: [...params, ...(spec.params ?? [])],
    });
  });
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
  const { sql, params } = rangeSql(spec, page, null);
  const rows = await ctx.db.query<Row>(sql, params);
  return toConnection(rows, page, cursorOf, toNode, async () => {
    const count = countSql(spec, null);
    return capped(Number((await ctx.db.query<{ n: number }>(count.sql, count.params))[0]?.n ?? 0));
  });
}

/** A nested list of one parent, batched with every other parent asking for the same list and page. */
export async function childConnection<T>(
  ctx: Context,
  spec: ListSpec & { parentColumns: string[] },
  parentId: string,
  args: PageArgs,
  toNode: (row: Row) => T,
): Promise<ConnectionModel<T>> {
  const page = pageRequest(args, shapeOf(spec));
  const pageKey = JSON.stringify([page.limit, page.after, page.before, page.backwards]);
  const rows = await ctx.loaders
    .keyed(`${spec.name}:page:${pageKey}`, async (parents) => {
      const { sql, params } = parentsPageSql(spec, page, parents);
      const groups: Row[][] = parents.map(() => []);
      for (const row of await ctx.db.query<Row>(sql, params)) groups[Number(row.parent_ord)]!.push(row);
      return groups;
    })
    .load(parentId);
  return toConnection(rows, page, cursorOf, toNode, () =>
    ctx.loaders
      .keyed(`${spec.name}:count`, async (parents) => {
        const counts = parents.map((p) => countSql(spec, p));
        const found = await ctx.db.query<{ parent_ord: number; n: number }>(
          counts.map((c, n) => `SELECT ${n} AS parent_ord, x.n FROM (${c.sql}) x`).join(' UNION ALL '),
          counts.flatMap((c) => c.params),
        );
        return parents.map((_, n) => capped(Number(found.find((f) => Number(f.parent_ord) === n)?.n ?? 0)));
      })
      .load(parentId),
  );
}
