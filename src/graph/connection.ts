/**
 * Cursor connections (the Relay shape) as GraphQL types: `edges { cursor node }`, `nodes`, `pageInfo`,
 * `totalCount`. Cursors are opaque keyset positions (the sort value and the id of a row), so a page stays
 * correct when rows are inserted before it, unlike offsets.
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';

/**
 * `totalCount` counts at most this many items, so that counting costs what a few pages cost whatever the
 * size of the list; a longer list reports this number with `totalCountCapped` set.
 */
export const TOTAL_COUNT_CAP = 10_000;

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

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A count that may have stopped at TOTAL_COUNT_CAP. */
export interface TotalCount {
  count: number;
  capped: boolean;
}

export interface ConnectionModel<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it: getters, so the count runs on first read. */
  readonly totalCount: Promise<number> | number;
  readonly totalCountCapped: Promise<boolean> | boolean;
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

    @Field(() => Int, {
      description: `How many items the whole list holds, across all pages, counted up to ${TOTAL_COUNT_CAP.toLocaleString('en-US')}: a longer list reports ${TOTAL_COUNT_CAP.toLocaleString('en-US')} and sets \`totalCountCapped\`, so the count costs the same whatever the size of the list.`,
    })
    totalCount!: number;

    @Field(() => Boolean, {
      description: `True when the list holds more than ${TOTAL_COUNT_CAP.toLocaleString('en-US')} items and \`totalCount\` is that cap, a lower bound; false when \`totalCount\` is exact.`,
    })
    totalCountCapped!: boolean;
  }
  return ConnectionType;
}
