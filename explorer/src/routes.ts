/** Every page of the explorer has a URL of its own under /explorer, so any page can be shared. */

export const BASE = '/explorer';

/** The URL segment of each entity type. */
export const TYPE_SEGMENTS = {
  Country: 'country',
  Organization: 'organization',
  Agreement: 'agreement',
  Event: 'event',
  Person: 'person',
  Project: 'project',
  Figure: 'figure',
  Document: 'document',
  Membership: 'membership',
  AgreementParty: 'agreement-party',
  EventParticipant: 'event-participant',
  ProjectParticipant: 'project-participant',
  Position: 'position',
} as const;

export type EntityType = keyof typeof TYPE_SEGMENTS;

/** The page of any node, from its GraphQL type name and id. */
export function entityPath(type: string, id: string): string {
  const segment = (TYPE_SEGMENTS as Record<string, string>)[type] ?? 'node';
  return `${BASE}/${segment}/${encodeURIComponent(id)}`;
}

export function typeOfSegment(segment: string): EntityType | undefined {
  return (Object.keys(TYPE_SEGMENTS) as EntityType[]).find((t) => TYPE_SEGMENTS[t] === segment);
}

export function timelinePath(filter: { participant?: string; from?: string; to?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return `${BASE}/timeline${query ? `?${query}` : ''}`;
}
