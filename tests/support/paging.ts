/** Walks a whole GraphQL connection page by page, as a client following its cursors would. */
import type { GraphQLResponse, TestService } from './service';

export interface PageInfo {
  hasNextPage?: boolean;
  hasPreviousPage?: boolean;
  endCursor?: string | null;
  startCursor?: string | null;
}

export type Connection = { pageInfo: PageInfo; nodes?: any[]; edges?: any[] } & Record<string, any>;

/** The slug of every node of a page, read from `nodes { slug }` or `edges { node { slug } }`. */
export const pageSlugs = (connection: Connection): string[] =>
  connection.nodes
    ? (connection.nodes as { slug: string }[]).map((n) => n.slug)
    : (connection.edges as { node: { slug: string } }[]).map((e) => e.node.slug);

export interface CollectPagesOptions<Item> {
  /**
   * `forward` (the default) passes `$after` = the last page's `endCursor` while `hasNextPage`;
   * `backward` passes `$before` = its `startCursor` while `hasPreviousPage`, and puts each page in front
   * of the ones already read, so the result is in list order either way.
   */
  direction?: 'forward' | 'backward';
  /** Other variables of the query, sent with every page. */
  variables?: Record<string, unknown>;
  /** Stop after this many pages even if the connection says there are more (no limit by default). */
  maxPages?: number;
  /** Expect every page to come back without `errors`. */
  expectNoErrors?: boolean;
  /** What to collect from each page; the slugs of its nodes (or edges) by default. */
  items?: (connection: Connection) => Item[];
  /** Called with each page, e.g. for assertions about every page. */
  onPage?: (
    connection: Connection,
    page: { index: number; body: GraphQLResponse<Record<string, any>>['body'] },
  ) => void;
}

/**
 * Runs `query` (which takes `$after: String`, or `$before: String` when going backwards, and selects
 * `pageInfo`) until the connection at `connectionPath` (e.g. `'organization.members'`) has no more pages,
 * and returns what `items` collects from every page, in list order.
 */
export async function collectPages<Item = string>(
  api: TestService,
  query: string,
  connectionPath: string,
  options: CollectPagesOptions<Item> = {},
): Promise<Item[]> {
  const backward = options.direction === 'backward';
  const items = options.items ?? (pageSlugs as unknown as (connection: Connection) => Item[]);
  const maxPages = options.maxPages ?? Infinity;
  const seen: Item[] = [];
  let cursor: string | null = null;
  for (let index = 0; index < maxPages; index++) {
    const { body } = await api.gql(query, { ...options.variables, [backward ? 'before' : 'after']: cursor });
    if (options.expectNoErrors) expect(body.errors).toBeUndefined();
    const connection = connectionPath.split('.').reduce<any>((value, key) => value?.[key], body.data) as
      Connection | undefined;
    if (!connection?.pageInfo) {
      throw new Error(
        `no connection with pageInfo at ${connectionPath} on page ${index}: ${JSON.stringify(body.errors ?? body.data)}`,
      );
    }
    options.onPage?.(connection, { index, body });
    if (backward) seen.unshift(...items(connection));
    else seen.push(...items(connection));
    if (!(backward ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage)) break;
    cursor = (backward ? connection.pageInfo.startCursor : connection.pageInfo.endCursor) ?? null;
  }
  return seen;
}
