import { Field, ID, InterfaceType } from 'type-graphql';

/** Anything the graph returns as an entity carries its type name, so interfaces and unions can resolve it. */
export interface NodeModel {
  __typename: string;
  /** The global id. */
  id: string;
  /** The entity's slug: its id in seed/, stable across re-seeds. */
  slug: string;
}

@InterfaceType('Node', {
  description: 'An object with a globally unique, stable, opaque id. Fetch any node again with `node(id:)`.',
  resolveType: (value: NodeModel) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, {
    description:
      'Globally unique, stable and opaque: the same after every re-seed. Do not parse it. The node as linked data (JSON-LD, with its claims, PROV-O derivation and Web Annotation quotes): `GET /export/node/{id}.jsonld` (or `.nq` for N-Quads).',
  })
  id!: string;
}
