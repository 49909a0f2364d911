import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../provenance/ids';
import { Node } from '../provenance/node.type';
import { loadNode } from '../provenance/nodes';
import type { Context } from './context';
import { badUserInput } from './errors';

export const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any entity or document by its global id; null when none has that id.',
  })
  async node(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'A global id from any `id` field.' }) id: string,
  ) {
    const decoded = fromGlobalId(id);
    return decoded ? loadNode(ctx, decoded.type, decoded.slug) : null;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several entities or documents by global id, in the order asked, null where none matches; at most ${MAX_NODES} ids.`,
  })
  async nodes(
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { description: `Global ids, at most ${MAX_NODES}.` }) ids: string[],
  ) {
    if (ids.length > MAX_NODES)
      throw badUserInput('ids', `${ids.length} ids: at most ${MAX_NODES} are accepted`);
    return Promise.all(
      ids.map((id) => {
        const decoded = fromGlobalId(id);
        return decoded ? loadNode(ctx, decoded.type, decoded.slug) : null;
      }),
    );
  }
}
