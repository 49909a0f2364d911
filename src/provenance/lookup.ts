/** Looking up one entity by a root field's arguments: exactly one key, names matched by their folded key. */
import type { Context } from '../graph/context';
import type { Row } from '../graph/loaders';
import { badUserInput } from '../graph/errors';
import { ENTITY_TYPES, type EntityTypeName } from './entity-types';
import { fromGlobalId } from './ids';
import { toEntityModel, type EntityModel } from './models';
import { nameKey } from './name-key';
import { loadEntity } from './nodes';

export const MAX_NAME_LENGTH = 300;

/** Checks that exactly one lookup key is given; returns its name. */
export function exactlyOneKey<K extends string>(
  args: Partial<Record<K, unknown>>,
  keys: K[],
  field: string,
): K {
  const given = keys.filter((k) => args[k] !== undefined && args[k] !== null);
  if (given.length !== 1) {
    throw badUserInput(
      given[1] ?? keys[0]!,
      `${field} takes exactly one of ${keys.map((k) => `\`${k}\``).join(', ')}; got ${given.length === 0 ? 'none' : given.map((k) => `\`${k}\``).join(' and ')}`,
    );
  }
  return given[0]!;
}

/** The slug a global id names, if it names an entity of the expected type; null for any other id. */
export function slugFromId(id: string, type: EntityTypeName | 'Document'): string | null {
  const decoded = fromGlobalId(id);
  return decoded && decoded.type === type ? decoded.slug : null;
}

const NAME_KIND_ORDER = "FIELD(n.kind, 'NAME', 'OFFICIAL_NAME', 'ACRONYM', 'ALIAS')";

/**
 * The entity of a type whose name, official name, acronym or alias matches, ignoring case and diacritics:
 * the name and the entity's row in one statement, the row kept in the request's loader for later loads.
 */
export async function entityByName(
  ctx: Context,
  type: EntityTypeName,
  name: string,
): Promise<EntityModel | null> {
  if (name.length > MAX_NAME_LENGTH)
    throw badUserInput('name', `too long: ${name.length} characters, at most ${MAX_NAME_LENGTH}`);
  const key = nameKey(name);
  if (key === '') return null;
  const [row] = await ctx.db.query<Row>(
    `SELECT t.* FROM entity_name n JOIN \`${ENTITY_TYPES[type].table}\` t ON t.id = n.entity_id
      WHERE n.entity_type = ? AND n.name_key = ? ORDER BY ${NAME_KIND_ORDER}, n.entity_id LIMIT 1`,
    [type, key],
  );
  if (!row) return null;
  ctx.loaders.entities.prime(`${type}:${String(row.id)}`, row);
  return toEntityModel(type, row);
}

/**
 * The entity of a type named by exactly one of a root field's `id` and `name` arguments (`field` names the
 * root field in the error when both or neither are given); null when none matches.
 */
export async function entityByIdOrName(
  ctx: Context,
  type: EntityTypeName,
  field: string,
  id: string | null | undefined,
  name: string | null | undefined,
): Promise<EntityModel | null> {
  const key = exactlyOneKey({ id, name }, ['id', 'name'], field);
  return entityByKey(ctx, type, key, key === 'id' ? id! : name!);
}

/** The entity of a type found by one lookup key already chosen: its global id, or a name. */
export async function entityByKey(
  ctx: Context,
  type: EntityTypeName,
  key: 'id' | 'name',
  value: string,
): Promise<EntityModel | null> {
  if (key === 'id') return loadEntity(ctx, type, slugFromId(value, type));
  return entityByName(ctx, type, value);
}
