import { createUnionType } from 'type-graphql';
import { Country } from '../countries/country.type';
import type { NodeModel } from '../provenance/node.type';
import { Organization } from './organization.type';

/** A state or an organization: who can be a member, a party to an agreement or a project participant. */
export const Actor = createUnionType({
  name: 'Actor',
  description:
    'A state or an organization: what can be a member, a party to an agreement or a participant in a project.',
  types: () => [Country, Organization] as const,
  resolveType: (value) => (value as unknown as NodeModel).__typename,
});
