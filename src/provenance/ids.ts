/**
 * Global ids: opaque, stable strings that name one entity across the whole graph. They encode the type and
 * the entity's slug (its id in seed/), so they survive every re-seed; clients must treat them as opaque.
 */
import { isEntityTypeName, type EntityTypeName } from './entity-types';

export type NodeTypeName = EntityTypeName | 'Document';

export function toGlobalId(type: NodeTypeName, slug: string): string {
  return Buffer.from(`${type}:${slug}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: NodeTypeName; slug: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(id)) return undefined;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const type = decoded.slice(0, colon);
  const slug = decoded.slice(colon + 1);
  if (!/^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/.test(slug)) return undefined;
  if (type !== 'Document' && !isEntityTypeName(type)) return undefined;
  return { type: type as NodeTypeName, slug };
}
