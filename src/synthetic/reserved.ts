/**
 * The id prefix reserved for the synthetic graph (`npm run seed:synthetic`). Every synthetic document,
 * entity and relationship id starts with it; the curated ingest refuses it as an id or a reference, so
 * synthetic rows can be removed exactly and can never be mistaken for curated ones.
 */
export const SYNTHETIC_ID_PREFIX = 'synthetic--';

export function isSyntheticId(id: string): boolean {
  return id.startsWith(SYNTHETIC_ID_PREFIX);
}
