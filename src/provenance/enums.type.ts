/**
 * The GraphQL enums of the model, with a description for every value. Their values come from the model
 * table (entity-types.ts); this file only names them and says what each value means.
 */
import { registerEnumType } from 'type-graphql';
import { ENUMS } from './entity-types';

type EnumKey = keyof typeof ENUMS;

const ENUM_DOCS: {
  [K in EnumKey]: { name: string; description: string; values: Record<(typeof ENUMS)[K][number], string> };
} = {
  recognition: {
    name: 'Recognition',
    description: 'How widely a state is recognised by other states.',
    values: {
      RECOGNIZED: 'Recognised by the community of states.',
      PARTIALLY_RECOGNIZED: 'Recognised by some states only (the TRNC is recognised by Türkiye alone).',
      UNRECOGNIZED: 'Recognised by no member of the United Nations.',
    },
  },
  organizationKind: {
    name: 'OrganizationKind',
    description: 'What kind of body an organization is.',
    values: {
      INTERGOVERNMENTAL: 'An organization of states (the Organization of Turkic States, the CSTO).',
      SUPRANATIONAL_UNION: 'A union whose members pool sovereignty (the European Union).',
      INSTITUTION: 'An institution of a larger body (the European Commission).',
      MILITARY_ALLIANCE: 'A collective defence alliance (NATO).',
      BANK: 'A bank, national or multilateral (the EBRD, the EIB).',
      FUND: 'An investment or development fund.',
      AGENCY: 'A government or international agency (TİKA).',
      MINISTRY: "A ministry of a state's government.",
      GOVERNMENT: 'A government, administration or office of state (the White House).',
      COMPANY: 'A company, state-owned or private.',
      MEDIA: 'A broadcaster, newspaper or news site.',
      THINK_TANK: 'A research centre or think tank.',
      UNIVERSITY: 'A university or school.',
      NGO: 'A non-governmental organization.',
      OTHER: 'Any other kind of body.',
    },
  },
  membershipStatus: {
    name: 'MembershipStatus',
    description: 'The kind of membership a member holds.',
    values: {
      FOUNDING_MEMBER: 'A member since the founding.',
      MEMBER: 'A full member.',
      OBSERVER: 'An observer, not a full member.',
      CANDIDATE: 'Applying or negotiating to join.',
      PARTNER: 'A partner or dialogue partner.',
      FORMER_MEMBER: 'No longer a member.',
    },
  },
  agreementKind: {
    name: 'AgreementKind',
    description: 'What kind of agreement, declaration or initiative it is.',
    values: {
      TREATY: 'A treaty between states.',
      DECLARATION: 'A joint declaration.',
      MEMORANDUM: 'A memorandum of understanding.',
      TRADE_AGREEMENT: 'An agreement on trade.',
      BORDER_AGREEMENT: 'An agreement on a border.',
      INVESTMENT_AGREEMENT: 'An agreement on investment.',
      FUND: 'An agreement setting up a fund.',
      INITIATIVE: 'A programme or initiative launched by one or more parties.',
      ROADMAP: 'A plan or roadmap.',
      PARTNERSHIP: 'A partnership or cooperation agreement.',
      CHARTER: 'The founding charter of an organization.',
      STATEMENT: 'A statement of policy or position.',
      OTHER: 'Any other kind of agreement.',
    },
  },
  agreementStatus: {
    name: 'AgreementStatus',
    description: 'How far an agreement has come.',
    values: {
      PROPOSED: 'Proposed, not yet negotiated.',
      UNDER_NEGOTIATION: 'Being negotiated.',
      SIGNED: 'Signed or adopted.',
      RATIFIED: 'Ratified by its parties.',
      IN_FORCE: 'In force.',
      ENDED: 'No longer in force.',
    },
  },
  partyRole: {
    name: 'AgreementPartyRole',
    description: 'What a party did with, or is in, an agreement.',
    values: {
      SIGNATORY: 'Signed it.',
      PARTY: 'Is bound by it.',
      ADOPTER: 'Adopted it (a declaration).',
      PROPOSER: 'Proposed or launched it.',
      GUARANTOR: 'Guarantees it.',
      FUNDER: 'Funds it.',
      BENEFICIARY: 'Benefits from it.',
      OBSERVER: 'Observes it without being bound.',
    },
  },
  eventKind: {
    name: 'EventKind',
    description: 'What kind of event it is.',
    values: {
      SUMMIT: 'A meeting of heads of state or government.',
      BILATERAL_MEETING: 'A meeting between two parties.',
      STATE_VISIT: 'A visit by a head of state.',
      MINISTERIAL_MEETING: 'A meeting of ministers.',
      COMMISSION_MEETING: 'A meeting of a commission or working group.',
      CONFERENCE: 'A conference.',
      FORUM: 'A forum.',
      ANNOUNCEMENT: 'An announcement or statement.',
      DECLARATION: 'A declaration, such as of independence.',
      RECOGNITION: 'The recognition of one state by another.',
      ESTABLISHMENT: 'The establishment of relations or of a body.',
      MILITARY_OPERATION: 'A war, conflict or military operation.',
      MILITARY_EXERCISE: 'A military exercise or drill: forces train together, no fighting.',
      MISSION: 'A peacekeeping, security or fact-finding mission.',
      ELECTION: 'An election or vote.',
      OTHER: 'Any other kind of event.',
    },
  },
  participantRole: {
    name: 'EventParticipantRole',
    description: 'The part a participant played in an event.',
    values: {
      HOST: 'Hosted it.',
      CHAIR: 'Chaired it.',
      ATTENDEE: 'Took part.',
      ORGANIZER: 'Organised or initiated it.',
      GUEST: 'Attended as a guest.',
      OBSERVER: 'Observed it.',
      SPEAKER: 'Spoke at it.',
      SUBJECT: 'Was what the event was about (the state recognised, the place or object of an operation).',
      BELLIGERENT: 'A side in a war or conflict.',
    },
  },
  projectKind: {
    name: 'ProjectKind',
    description: 'What kind of project or programme it is.',
    values: {
      PIPELINE: 'An oil or gas pipeline.',
      RAILWAY: 'A railway line.',
      ROAD: 'A road or highway.',
      CORRIDOR: 'A transport or trade corridor.',
      PORT: 'A port or terminal.',
      CABLE: 'A power or data cable.',
      POWER: 'A power plant or energy project.',
      FUND: 'An investment fund.',
      PROGRAMME: 'A programme or initiative spanning many projects.',
      OTHER: 'Any other kind of project.',
    },
  },
  projectStatus: {
    name: 'ProjectStatus',
    description: 'How far a project has come.',
    values: {
      PROPOSED: 'Proposed.',
      PLANNED: 'Agreed and planned.',
      UNDER_CONSTRUCTION: 'Being built.',
      OPERATIONAL: 'In operation.',
      SUSPENDED: 'Suspended.',
      CANCELLED: 'Cancelled.',
    },
  },
  projectRole: {
    name: 'ProjectParticipantRole',
    description: 'The part a state or organization plays in a project.',
    values: {
      INITIATOR: 'Launched it.',
      PARTNER: 'Takes part.',
      HOST: 'Hosts it on its territory.',
      OPERATOR: 'Operates it.',
      FUNDER: 'Funds it.',
      BUILDER: 'Builds it.',
      TRANSIT: 'Is crossed by it.',
      SUPPLIER: 'Supplies what it carries.',
    },
  },
  metric: {
    name: 'FigureMetric',
    description: 'What a figure measures.',
    values: {
      TRADE_TURNOVER: 'Trade in both directions.',
      EXPORTS: 'Exports.',
      IMPORTS: 'Imports.',
      INVESTMENT: 'Investment.',
      TARIFF: 'A tariff rate.',
      LOAN: 'A loan.',
      GRANT: 'A grant.',
      FUNDING: 'Funding committed or spent.',
      RESERVES: 'Proven reserves of a resource: the part shown to be recoverable.',
      RESOURCES:
        'Estimated resources of a mineral (total, predicted or believed to be there): not yet proven, so not RESERVES.',
      GDP: 'Gross domestic product.',
      POPULATION: 'Population.',
      CAPACITY: 'Capacity (of a route, a pipeline, a port).',
      LENGTH: 'Length.',
      SHARE: 'A share of a whole.',
      COUNT: 'A count of things or people.',
      GROWTH:
        'How much a quantity grew (or is to grow) over the period: a multiple in unit "times" (doubled is 2) or an increase in "percent" (13.8); the description names the quantity.',
      OTHER: 'Anything else.',
    },
  },
  qualifier: {
    name: 'FigureQualifier',
    description: 'How exact a figure is, or whether it is a goal.',
    values: {
      EXACT: 'As stated.',
      APPROXIMATE: 'About ("nearly", "roughly").',
      AT_LEAST: 'At least ("over", "more than").',
      AT_MOST: 'At most ("up to", "less than").',
      TARGET: 'A goal the parties set.',
      PROJECTED: 'A projection or forecast.',
    },
  },
};

function register<K extends EnumKey>(key: K): Record<string, string> {
  const doc = ENUM_DOCS[key];
  const values = Object.fromEntries(ENUMS[key].map((v) => [v, v]));
  registerEnumType(values, {
    name: doc.name,
    description: doc.description,
    valuesConfig: Object.fromEntries(
      Object.entries(doc.values).map(([v, d]) => [v, { description: d as string }]),
    ),
  });
  return values;
}

/** The registered enum objects, by the model's enum key, for `@Field(() => GRAPHQL_ENUMS.eventKind)`. */
export const GRAPHQL_ENUMS = Object.fromEntries(
  (Object.keys(ENUMS) as EnumKey[]).map((k) => [k, register(k)]),
) as Record<EnumKey, Record<string, string>>;

/** Which enum a field takes, found by its values. */
export function enumFor(values: readonly string[]): Record<string, string> {
  const key = (Object.keys(ENUMS) as EnumKey[]).find((k) => ENUMS[k] === values);
  if (!key) throw new Error(`No GraphQL enum for values ${values.join(', ')}`);
  return GRAPHQL_ENUMS[key];
}
