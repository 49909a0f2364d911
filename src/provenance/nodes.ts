/** Loading any entity or document by slug, through the request's loaders. */
import type { Context } from '../graph/context';
import { ENTITY_TYPES, isEntityTypeName, type EntityTypeName, type Rank } from './entity-types';
import { toDocumentModel, toEntityModel, toClaimModel, type EntityModel } from './models';
import type { NodeTypeName } from './ids';
import type { NodeModel } from './node.type';
import type { ClaimModel } from './claim.type';
import { DEFAULT_RANKS } from './claims-args';
import { asOfDays, validAt } from '../graph/as-of';

type Loaded = EntityModel | null;

// A deep query names the same entity many times (a country under every organization it belongs to), all in
// one turn: each name would cost an async call, a DataLoader cache hit (a promise of its own) and a turn of
// the microtask queue. Per request, the first load of a key is kept: later calls share its promise, and
// once it has settled they get the model itself, so graphql completes the field without waiting.
const modelsOfRequest = new WeakMap<Context['loaders'], Map<string, Loaded | Promise<Loaded>>>();

/** An entity by type and slug through the request's loader: the model itself when it is already loaded. */
export function loadEntity(
  ctx: Context,
  type: EntityTypeName,
  slug: string | null | undefined,
): Loaded | Promise<Loaded> {
  if (!slug) return null;
  let models = modelsOfRequest.get(ctx.loaders);
  if (!models) modelsOfRequest.set(ctx.loaders, (models = new Map()));
  const key = `${type}:${slug}`;
  const known = models.get(key);
  if (known !== undefined) return known;
  const loading = ctx.loaders.entities.load(key).then(
    (row) => {
      const model = row ? toEntityModel(type, row) : null;
      models.set(key, model);
      return model;
    },
    (error: unknown) => {
      // as DataLoader does: a failed load is not kept, so a later call in the request tries again
      models.delete(key);
      throw error;
    },
  );
  models.set(key, loading);
  return loading;
}

export async function loadNode(ctx: Context, type: NodeTypeName, slug: string): Promise<NodeModel | null> {
  if (type === 'Document') {
    const row = await ctx.loaders.documentsById.load(slug);
    return row ? toDocumentModel(row) : null;
  }
  return loadEntity(ctx, type, slug);
}

/** An entity behind a polymorphic reference, whose type comes from the row (`member_type`, `value_type`). */
export function loadAnyEntity(
  ctx: Context,
  slug: string | null | undefined,
  type: string | null | undefined,
): Loaded | Promise<Loaded> {
  return slug && isEntityTypeName(type) ? loadEntity(ctx, type, slug) : null;
}

/** The claims about an entity, optionally only some fields and ranks, or valid at a date, in curation order. */
export async function claimsOf(
  ctx: Context,
  slug: string,
  fields: readonly string[] | null | undefined,
  ranks: readonly Rank[] | null | undefined,
  asOf?: string | null,
): Promise<ClaimModel[]> {
  const wanted = ranks ?? DEFAULT_RANKS;
  const days = asOfDays(asOf);
  const rows = await ctx.loaders.claimsBySubject.load(slug);
  return rows
    .filter((r) => !days || validAt(r.valid_from as string | null, r.valid_to as string | null, days))
    .map(toClaimModel)
    .filter((c) => (!fields || fields.length === 0 || fields.includes(c.field)) && wanted.includes(c.rank));
}

/** The slugs of the entities a relationship object's sources are drawn from: its defining fields' claims. */
export function definingFields(type: EntityTypeName): string[] {
  return ENTITY_TYPES[type].fields.filter((f) => f.defining).map((f) => f.name);
}
