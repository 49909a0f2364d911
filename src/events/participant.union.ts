import { createUnionType } from 'type-graphql';
import { Country } from '../countries/country.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import type { NodeModel } from '../provenance/node.type';

/** Who can take part in an event: a state, an organization or a person. */
export const Participant = createUnionType({
  name: 'Participant',
  description: 'A state, an organization or a person: who can take part in an event.',
  types: () => [Country, Organization, Person] as const,
  resolveType: (value) => (value as unknown as NodeModel).__typename,
});
