/** The GraphQL types of revisions and of the change feed. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { Node } from '../provenance/node.type';
import type { RevisionSource } from './record';

export const RevisionSourceEnum: Record<RevisionSource, RevisionSource> = {
  INGEST: 'INGEST',
  SYNTHETIC: 'SYNTHETIC',
  BASELINE: 'BASELINE',
};
registerEnumType(RevisionSourceEnum, {
  name: 'RevisionSource',
  description: 'What made a revision.',
  valuesConfig: {
    INGEST: { description: 'A load of curated seed files.' },
    SYNTHETIC: { description: 'A load or removal of the synthetic test graph.' },
    BASELINE: {
      description: 'The data already stored when revisions began to be recorded, taken as one revision.',
    },
  },
});

export interface RevisionModel {
  id: string;
  createdAt: string;
  source: RevisionSource;
  documentCount: number;
  claimsAdded: number;
  claimsChanged: number;
  claimsDeprecated: number;
  claimsRemoved: number;
  entitiesChanged: number;
}

@ObjectType('Revision', {
  description:
    'One load that changed the data: when, from which documents, and how many claims it added, changed, deprecated and removed. A load that changes nothing makes no revision.',
})
export class RevisionType {
  @Field(() => ID, {
    description:
      'The revision number, as decimal text ("12"): numbers increase with every revision, with gaps. Pass it to `changes(since:)`.',
  })
  id!: string;

  @Field(() => String, { description: 'When the load committed: an ISO 8601 time in UTC.' })
  createdAt!: string;

  @Field(() => RevisionSourceEnum, { description: 'What made the revision.' })
  source!: RevisionSource;

  @Field(() => Int, { description: 'How many documents the load wrote (`documents` lists them).' })
  documentCount!: number;

  @Field(() => Int, { description: 'Claims that did not exist before.' })
  claimsAdded!: number;

  @Field(() => Int, {
    description:
      'Claims that existed and changed: their rank, note, inference or citations (a claim is its subject, field, value and validity; changing those makes a new claim).',
  })
  claimsChanged!: number;

  @Field(() => Int, { description: 'Claims that existed and became DEPRECATED (not counted as changed).' })
  claimsDeprecated!: number;

  @Field(() => Int, { description: 'Claims that no document states any more, and are gone.' })
  claimsRemoved!: number;

  @Field(() => Int, {
    description: 'Entities whose claims the revision added, changed, deprecated or removed.',
  })
  entitiesChanged!: number;
}

@ObjectType('RevisionConnection', { description: 'A page of revisions, newest first.' })
export class RevisionConnection extends Connection(RevisionType, 'Revision', 'revisions') {}

export interface EntityChangeModel {
  slug: string;
  type: string;
  globalId: string;
  removed: boolean;
  revisionId: string;
}

@ObjectType('EntityChange', {
  description:
    'An entity whose claims changed after a given revision, with the last revision that changed it. Fetch it again by `id`, or drop it when `removed`.',
})
export class EntityChangeType {
  @Field(() => ID, { description: 'The global id of the entity (the same as `node.id`).' })
  id!: string;

  @Field(() => String, { description: 'The type of the entity ("Country", "Membership").' })
  type!: string;

  @Field(() => Boolean, {
    description: 'True when the entity no longer exists: no document states any claim about it.',
  })
  removed!: boolean;

  @Field(() => Node, { nullable: true, description: 'The entity as it is now; null when removed.' })
  node!: unknown;

  @Field(() => RevisionType, { description: 'The last revision that changed the claims of the entity.' })
  revision!: RevisionModel;
}

@ObjectType('EntityChangeConnection', {
  description:
    'A page of changed entities, in the order of the revision that last changed each (oldest first), then by id.',
})
export class EntityChangeConnection extends Connection(EntityChangeType, 'EntityChange', 'entity changes') {}
