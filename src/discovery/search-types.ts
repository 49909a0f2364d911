/**
 * What `search` can return, derived from the entity table: the `SearchResult` union and the `SearchType`
 * enum list the same types, every entity type and documents. A new entity type must be given its GraphQL
 * class here (the record's type demands one), and then appears in both.
 */
import { createUnionType, registerEnumType, type ClassType } from 'type-graphql';
import { Agreement } from '../agreements/agreement.type';
import { AgreementParty } from '../agreements/agreement-party.type';
import { Country } from '../countries/country.type';
import { DocumentType } from '../documents/document.type';
import { Event } from '../events/event.type';
import { EventParticipant } from '../events/event-participant.type';
import { Figure } from '../figures/figure.type';
import { Membership } from '../organizations/membership.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { Position } from '../people/position.type';
import { Project } from '../projects/project.type';
import { ProjectParticipant } from '../projects/project-participant.type';
import { ENTITY_TYPE_NAMES } from '../provenance/entity-types';
import { toEnumName } from '../provenance/field-enum';
import type { NodeTypeName } from '../provenance/ids';
import type { NodeModel } from '../provenance/node.type';

/** The GraphQL object type of each kind of node. */
const NODE_CLASSES: Record<NodeTypeName, ClassType> = {
  Country,
  Organization,
  Membership,
  Agreement,
  AgreementParty,
  Event,
  EventParticipant,
  Person,
  Position,
  Project,
  ProjectParticipant,
  Figure,
  Document: DocumentType,
};

/** Every kind of thing search finds: the entity types in the table's order, then documents. */
export const SEARCHABLE: readonly NodeTypeName[] = [...ENTITY_TYPE_NAMES, 'Document'];

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything `search` can find: an entity of any type, or a document.',
  types: () => SEARCHABLE.map((t) => NODE_CLASSES[t]) as [ClassType, ...ClassType[]],
  resolveType: (value) => (value as unknown as NodeModel).__typename,
});

export const SearchType = Object.fromEntries(
  SEARCHABLE.map((t) => [toEnumName(t).replace(/^_/, ''), t]),
) as Record<string, NodeTypeName>;
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'A kind of thing `search` can return.',
  valuesConfig: Object.fromEntries(
    Object.entries(SearchType).map(([k, t]) => [
      k,
      { description: `${t === 'Document' ? 'Documents' : `${t} entities`}.` },
    ]),
  ),
});
