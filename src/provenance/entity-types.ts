/**
 * The knowledge model in one table: every entity type, its sourced fields, how each field is stored and
 * what values it accepts. The ingest validates against it, the loader derives each entity's plain values
 * from its claims with it, and the API builds its `<Type>Field` enums from it.
 */

export type FieldKind = 'string' | 'date' | 'enum' | 'ref' | 'boolean' | 'number';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Multi-valued fields (aliases) keep every non-deprecated value; single-valued ones keep the best. */
  multi?: boolean;
  /** The column holding the plain value; multi-valued fields have none (they live in entity_name or claims). */
  column?: string;
  values?: readonly string[];
  /** For references: the entity types the value may point to. */
  targets?: readonly EntityTypeName[];
  /** Required on every entity of the type (a membership needs its member and organization). */
  required?: boolean;
  /** A reference that defines a relationship object: its citations are the object's sources. */
  defining?: boolean;
  /**
   * Free-text descriptions: documents describe a thing in their own words without contradicting each
   * other, so the loader does not reject several values; the curator still ranks one PREFERRED (the plain
   * value, else the first curated), and seed:report lists those left unranked.
   */
  descriptive?: boolean;
  /** Names are looked up regardless of case and diacritics: these fields feed the name index. */
  nameKind?: 'NAME' | 'ALIAS' | 'ACRONYM' | 'OFFICIAL_NAME';
  description: string;
}

export const ENTITY_TYPE_NAMES = [
  'Country',
  'Organization',
  'Membership',
  'Agreement',
  'AgreementParty',
  'Event',
  'EventParticipant',
  'Person',
  'Position',
  'Project',
  'ProjectParticipant',
  'Figure',
] as const;
export type EntityTypeName = (typeof ENTITY_TYPE_NAMES)[number];

export interface EntityTypeSpec {
  name: EntityTypeName;
  table: string;
  /** Relationship objects have no name of their own; their rank comes from their defining claims. */
  relationship: boolean;
  fields: readonly FieldSpec[];
}

export const RANKS = ['PREFERRED', 'NORMAL', 'DEPRECATED'] as const;
export type Rank = (typeof RANKS)[number];

export const DOCUMENT_KINDS = [
  'NEWS_ARTICLE',
  'ANALYSIS',
  'REPORT',
  'ENCYCLOPEDIA_ARTICLE',
  'PRESS_RELEASE',
  'STANDARD',
  'OTHER',
] as const;

export const ENUMS = {
  recognition: ['RECOGNIZED', 'PARTIALLY_RECOGNIZED', 'UNRECOGNIZED'],
  organizationKind: [
    'INTERGOVERNMENTAL',
    'SUPRANATIONAL_UNION',
    'INSTITUTION',
    'MILITARY_ALLIANCE',
    'BANK',
    'FUND',
    'AGENCY',
    'MINISTRY',
    'GOVERNMENT',
    'COMPANY',
    'MEDIA',
    'THINK_TANK',
    'UNIVERSITY',
    'NGO',
    'OTHER',
  ],
  membershipStatus: ['FOUNDING_MEMBER', 'MEMBER', 'OBSERVER', 'CANDIDATE', 'PARTNER', 'FORMER_MEMBER'],
  agreementKind: [
    'TREATY',
    'DECLARATION',
    'MEMORANDUM',
    'TRADE_AGREEMENT',
    'BORDER_AGREEMENT',
    'INVESTMENT_AGREEMENT',
    'FUND',
    'INITIATIVE',
    'ROADMAP',
    'PARTNERSHIP',
    'CHARTER',
    'STATEMENT',
    'OTHER',
  ],
  agreementStatus: ['PROPOSED', 'UNDER_NEGOTIATION', 'SIGNED', 'RATIFIED', 'IN_FORCE', 'ENDED'],
  partyRole: ['SIGNATORY', 'PARTY', 'ADOPTER', 'PROPOSER', 'GUARANTOR', 'FUNDER', 'BENEFICIARY', 'OBSERVER'],
  eventKind: [
    'SUMMIT',
    'BILATERAL_MEETING',
    'STATE_VISIT',
    'MINISTERIAL_MEETING',
    'COMMISSION_MEETING',
    'CONFERENCE',
    'FORUM',
    'ANNOUNCEMENT',
    'DECLARATION',
    'RECOGNITION',
    'ESTABLISHMENT',
    'MILITARY_OPERATION',
    'MILITARY_EXERCISE',
    'MISSION',
    'ELECTION',
    'OTHER',
  ],
  participantRole: [
    'HOST',
    'CHAIR',
    'ATTENDEE',
    'ORGANIZER',
    'GUEST',
    'OBSERVER',
    'SPEAKER',
    'SUBJECT',
    'BELLIGERENT',
  ],
  projectKind: [
    'PIPELINE',
    'RAILWAY',
    'ROAD',
    'CORRIDOR',
    'PORT',
    'CABLE',
    'POWER',
    'FUND',
    'PROGRAMME',
    'OTHER',
  ],
  projectStatus: ['PROPOSED', 'PLANNED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'SUSPENDED', 'CANCELLED'],
  projectRole: ['INITIATOR', 'PARTNER', 'HOST', 'OPERATOR', 'FUNDER', 'BUILDER', 'TRANSIT', 'SUPPLIER'],
  metric: [
    'TRADE_TURNOVER',
    'EXPORTS',
    'IMPORTS',
    'INVESTMENT',
    'TARIFF',
    'LOAN',
    'GRANT',
    'FUNDING',
    'RESERVES',
    'RESOURCES',
    'GDP',
    'POPULATION',
    'CAPACITY',
    'LENGTH',
    'SHARE',
    'COUNT',
    'GROWTH',
    'OTHER',
  ],
  qualifier: ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'AT_MOST', 'TARGET', 'PROJECTED'],
} as const;

const ACTORS = ['Country', 'Organization'] as const;
const str = (name: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind: 'string',
  column: toColumn(name),
  description,
  ...extra,
});
const prose = (name: string, description: string): FieldSpec => str(name, description, { descriptive: true });
const date = (name: string, description: string): FieldSpec => ({
  name,
  kind: 'date',
  column: toColumn(name),
  description,
});
const enumField = (
  name: string,
  values: readonly string[],
  description: string,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({ name, kind: 'enum', values, column: toColumn(name), description, ...extra });
const ref = (
  name: string,
  targets: readonly EntityTypeName[],
  description: string,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({ name, kind: 'ref', targets, column: `${toColumn(name)}_id`, description, ...extra });
const name = (description: string): FieldSpec =>
  str('name', description, { required: true, nameKind: 'NAME' });
const aliases = (description: string): FieldSpec => ({
  name: 'aliases',
  kind: 'string',
  multi: true,
  nameKind: 'ALIAS',
  description,
});

function toColumn(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const ENTITY_TYPES: Record<EntityTypeName, EntityTypeSpec> = {
  Country: {
    name: 'Country',
    table: 'country',
    relationship: false,
    fields: [
      name('The common English name ("Türkiye").'),
      str('officialName', 'The official long-form name.', { nameKind: 'OFFICIAL_NAME' }),
      aliases('Other names and spellings ("Turkey").'),
      str('iso2', 'ISO 3166-1 alpha-2 code.'),
      str('iso3', 'ISO 3166-1 alpha-3 code.'),
      str('capital', 'The capital city.'),
      str('region', 'The region the sources place it in ("Central Asia").'),
      enumField('recognition', ENUMS.recognition, 'International recognition, stated where it is limited.'),
      {
        name: 'historical',
        kind: 'boolean',
        column: 'historical',
        description: 'True for a state that no longer exists.',
      },
      date('independence', 'When it became independent.'),
      date('dissolved', 'When it ceased to exist.'),
    ],
  },
  Organization: {
    name: 'Organization',
    table: 'organization',
    relationship: false,
    fields: [
      name('The current name.'),
      str('acronym', 'The current acronym.', { nameKind: 'ACRONYM' }),
      aliases('Other names, acronyms and former names (with the dates they applied).'),
      enumField('kind', ENUMS.organizationKind, 'What kind of body it is.'),
      date('founded', 'When it was founded.'),
      str('headquarters', 'Where it has its seat.'),
      ref(
        'parent',
        ['Organization'],
        'The organization it belongs to (an EU institution belongs to the EU).',
      ),
      prose('summary', 'A short description.'),
    ],
  },
  Membership: {
    name: 'Membership',
    table: 'membership',
    relationship: true,
    fields: [
      ref('member', ACTORS, 'The member state or organization.', { required: true, defining: true }),
      ref('organization', ['Organization'], 'The organization.', { required: true, defining: true }),
      enumField('status', ENUMS.membershipStatus, 'The kind of membership.'),
      date('since', 'When the membership began.'),
      date('until', 'When it ended.'),
    ],
  },
  Agreement: {
    name: 'Agreement',
    table: 'agreement',
    relationship: false,
    fields: [
      name('The title.'),
      aliases('Other titles.'),
      enumField('kind', ENUMS.agreementKind, 'What kind of agreement it is.'),
      enumField('status', ENUMS.agreementStatus, 'How far it has come.'),
      date('signed', 'When it was signed or adopted.'),
      date('ratified', 'When it was ratified.'),
      date('inForce', 'When it entered into force.'),
      str('place', 'Where it was signed (a city).'),
      ref('placeCountry', ['Country'], 'The country where it was signed.'),
      ref('event', ['Event'], 'The event it was signed or adopted at.'),
      prose('summary', 'What it provides.'),
    ],
  },
  AgreementParty: {
    name: 'AgreementParty',
    table: 'agreement_party',
    relationship: true,
    fields: [
      ref('agreement', ['Agreement'], 'The agreement.', { required: true, defining: true }),
      ref('party', ACTORS, 'The state or organization.', { required: true, defining: true }),
      enumField('role', ENUMS.partyRole, 'What the party did or is.'),
      date('date', 'When the party took that role.'),
    ],
  },
  Event: {
    name: 'Event',
    table: 'event',
    relationship: false,
    fields: [
      name('The title.'),
      aliases('Other titles.'),
      enumField('kind', ENUMS.eventKind, 'What kind of event it is.'),
      date('start', 'When it began (the date of a one-day event).'),
      date('end', 'When it ended, for an event of several days.'),
      str('city', 'The city where it took place.'),
      ref('country', ['Country'], 'The country where it took place.'),
      ref('partOf', ['Event'], 'The larger event it was part of (a meeting on the sidelines of a summit).'),
      prose('summary', 'What happened.'),
    ],
  },
  EventParticipant: {
    name: 'EventParticipant',
    table: 'event_participant',
    relationship: true,
    fields: [
      ref('event', ['Event'], 'The event.', { required: true, defining: true }),
      ref('participant', ['Country', 'Organization', 'Person'], 'Who took part.', {
        required: true,
        defining: true,
      }),
      enumField('role', ENUMS.participantRole, 'The part they played.'),
    ],
  },
  Person: {
    name: 'Person',
    table: 'person',
    relationship: false,
    fields: [
      name('The full name.'),
      aliases('Other names and spellings.'),
      ref('nationality', ['Country'], 'The country the person is a citizen of.'),
    ],
  },
  Position: {
    name: 'Position',
    table: 'position',
    relationship: true,
    fields: [
      ref('person', ['Person'], 'The person.', { required: true, defining: true }),
      str('title', 'The title of the position ("President").', { required: true }),
      ref('of', ACTORS, 'The state or organization the position belongs to.', { defining: true }),
      date('since', 'When the person took the position.'),
      date('until', 'When the person left it.'),
    ],
  },
  Project: {
    name: 'Project',
    table: 'project',
    relationship: false,
    fields: [
      name('The name.'),
      aliases('Other names.'),
      enumField('kind', ENUMS.projectKind, 'What kind of project it is.'),
      enumField('status', ENUMS.projectStatus, 'How far it has come.'),
      prose('summary', 'What it is.'),
    ],
  },
  ProjectParticipant: {
    name: 'ProjectParticipant',
    table: 'project_participant',
    relationship: true,
    fields: [
      ref('project', ['Project'], 'The project.', { required: true, defining: true }),
      ref('participant', ACTORS, 'The state or organization involved.', { required: true, defining: true }),
      enumField('role', ENUMS.projectRole, 'The part it plays.'),
    ],
  },
  Figure: {
    name: 'Figure',
    table: 'figure',
    relationship: true,
    fields: [
      ref('subject', ENTITY_TYPE_NAMES, 'What the number is about.', { required: true, defining: true }),
      ref(
        'counterpart',
        ENTITY_TYPE_NAMES,
        'The other side, for a figure about a pair (trade between two countries).',
        { defining: true },
      ),
      enumField('metric', ENUMS.metric, 'What is measured.', { required: true }),
      {
        name: 'value',
        kind: 'number',
        column: 'value',
        required: true,
        description: 'The number, scaled to its unit (556.8 million is 556800000).',
      },
      str('unit', 'The unit: an ISO 4217 code for money, otherwise "percent", "km", "tonnes per year"...'),
      date('period', 'The year or month the number refers to.'),
      enumField('qualifier', ENUMS.qualifier, 'How exact the number is, or whether it is a target.'),
      str('asStated', 'The number in the words of the source ("over €30 billion").'),
      prose('description', 'What exactly is measured.'),
    ],
  },
};

export function fieldSpec(type: EntityTypeName, field: string): FieldSpec | undefined {
  return ENTITY_TYPES[type].fields.find((f) => f.name === field);
}

export function isEntityTypeName(value: unknown): value is EntityTypeName {
  return typeof value === 'string' && (ENTITY_TYPE_NAMES as readonly string[]).includes(value);
}
