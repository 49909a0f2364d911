/**
 * `revisions` and `changes(since:)` at the root, the documents of a revision, and on every claim the
 * revisions it first appeared and last changed in. Each list is one keyset range of an index: revisions by
 * their number, changes by (revision, id) from `entity_change`, a revision's documents by its key.
 */
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DocumentConnection } from '../documents/document.type';
import type { Context } from '../graph/context';
import type { ConnectionModel } from '../graph/connection';
import { badUserInput } from '../graph/errors';
import { childConnection, rootConnection } from '../graph/lists';
import type { Row } from '../graph/loaders';
import { PageArgs } from '../graph/page-args';
import { ClaimType, type ClaimModel } from '../provenance/claim.type';
import { isEntityTypeName } from '../provenance/entity-types';
import { toGlobalId } from '../provenance/ids';
import { toDocumentModel } from '../provenance/models';
import { loadAnyEntity } from '../provenance/nodes';
import type { RevisionSource } from './record';
import {
  EntityChangeConnection,
  EntityChangeType,
  RevisionConnection,
  RevisionType,
  type EntityChangeModel,
  type RevisionModel,
} from './revision.type';

/** The revision columns, with the time as ISO text (DATETIME(3) in UTC). */
const REVISION_COLUMNS = "t.*, DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%s.%f') AS created_iso";

function toRevision(row: Row): RevisionModel {
  return {
    id: String(row.id),
    createdAt: `${String(row.created_iso).slice(0, 23)}Z`,
    source: row.source as RevisionSource,
    documentCount: Number(row.documents),
    claimsAdded: Number(row.claims_added),
    claimsChanged: Number(row.claims_changed),
    claimsDeprecated: Number(row.claims_deprecated),
    claimsRemoved: Number(row.claims_removed),
    entitiesChanged: Number(row.entities_changed),
  };
}

function toEntityChange(row: Row): EntityChangeModel {
  const type = String(row.type);
  const slug = String(row.id);
  return {
    slug,
    type,
    globalId: isEntityTypeName(type) ? toGlobalId(type, slug) : slug,
    removed: Number(row.removed) === 1,
    revisionId: String(row.revision_id),
  };
}

/** A revision number given as an argument: decimal digits, as `Revision.id` writes it. */
function revisionArg(argument: string, value: string): string {
  if (!/^(0|[1-9]\d{0,17})$/.test(value))
    throw badUserInput(
      argument,
      `${JSON.stringify(value.slice(0, 40))} is not a revision id: expected the decimal number of a revision, such as "12" (or "0" for every change)`,
    );
  return value;
}

async function loadRevision(ctx: Context, id: string | null): Promise<RevisionModel | null> {
  if (id === null) return null;
  const row = await ctx.loaders
    .keyed('revisionsById', async (ids) => {
      const rows = await ctx.db.query<Row>(`SELECT ${REVISION_COLUMNS} FROM revision t WHERE t.id IN (?)`, [
        ids,
      ]);
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      return ids.map((i) => byId.get(i) ?? null);
    })
    .load(id);
  return row ? toRevision(row) : null;
}

@Resolver(() => RevisionType)
export class RevisionResolver {
  @Query(() => RevisionConnection, {
    description:
      'The revisions of the data, newest first: every load that changed anything. The first node is the revision the data is at now.',
  })
  revisions(@Ctx() ctx: Context, @Args() page: PageArgs): Promise<ConnectionModel<RevisionModel>> {
    return rootConnection(
      ctx,
      { name: 'revisions', table: 'revision', columns: REVISION_COLUMNS, sortColumn: 'id', descending: true },
      page,
      toRevision,
    );
  }

  @Query(() => EntityChangeConnection, {
    description:
      'The entities whose claims changed after a revision, each once, with the last revision that changed it: to sync, keep the newest revision id you have seen, ask for the changes since it, and fetch those entities again. An entity that changes again while you page moves to the end of the list, so you see it again.',
  })
  changes(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('since', () => ID, {
      description:
        'A revision id (`Revision.id`): only changes made by later revisions. "0" for every entity ever changed.',
    })
    since: string,
  ): Promise<ConnectionModel<EntityChangeModel>> {
    return rootConnection(
      ctx,
      {
        name: 'changes',
        table: 'entity_change',
        where: ['t.revision_id > ?'],
        params: [revisionArg('since', since)],
        sortColumn: 'revision_id',
      },
      page,
      toEntityChange,
    );
  }

  @FieldResolver(() => DocumentConnection, { description: 'The documents the revision loaded, by id.' })
  documents(@Root() revision: RevisionModel, @Ctx() ctx: Context, @Args() page: PageArgs) {
    return childConnection(
      ctx,
      {
        name: 'documentsByRevision',
        table: 'revision_document',
        parentColumns: ['revision_id'],
        sortColumn: 'id',
      },
      revision.id,
      page,
      async (row) => {
        const document = await ctx.loaders.documentsById.load(String(row.id));
        if (!document) throw new Error(`Revision ${revision.id} lists a missing document ${String(row.id)}`);
        return toDocumentModel(document);
      },
    );
  }
}

@Resolver(() => EntityChangeType)
export class EntityChangeResolver {
  @FieldResolver(() => ID)
  id(@Root() change: EntityChangeModel): string {
    return change.globalId;
  }

  @FieldResolver()
  node(@Root() change: EntityChangeModel, @Ctx() ctx: Context) {
    return change.removed ? null : loadAnyEntity(ctx, change.slug, change.type);
  }

  @FieldResolver(() => RevisionType)
  async revision(@Root() change: EntityChangeModel, @Ctx() ctx: Context): Promise<RevisionModel> {
    const revision = await loadRevision(ctx, change.revisionId);
    if (!revision)
      throw new Error(`The change of ${change.slug} names a missing revision ${change.revisionId}`);
    return revision;
  }
}

@Resolver(() => ClaimType)
export class ClaimRevisionsResolver {
  @FieldResolver(() => RevisionType, {
    nullable: true,
    description:
      'The revision in which this claim first appeared (null only for a claim written by a load that recorded no revision, such as a partly failed synthetic load).',
  })
  firstRevision(@Root() claim: ClaimModel, @Ctx() ctx: Context) {
    return loadRevision(ctx, claim.firstRevision);
  }

  @FieldResolver(() => RevisionType, {
    nullable: true,
    description:
      'The last revision that changed this claim (its rank, note, inference or citations); its first revision when it never changed.',
  })
  lastChangedRevision(@Root() claim: ClaimModel, @Ctx() ctx: Context) {
    return loadRevision(ctx, claim.lastChangedRevision);
  }
}
