import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graph/connection';
import { ENUMS } from '../provenance/entity-types';
import { fieldEnum } from '../provenance/field-enum';
import { Node } from '../provenance/node.type';
import { PartialDateType } from '../provenance/partial-date.type';
import type { PartialDateValue } from '../provenance/partial-date';

export const CountryFieldEnum = fieldEnum('Country');

export const RecognitionEnum = Object.fromEntries(ENUMS.recognition.map((v) => [v, v]));
registerEnumType(RecognitionEnum, {
  name: 'Recognition',
  description: 'How widely a state is recognised by other states.',
  valuesConfig: {
    RECOGNIZED: { description: 'Recognised by the community of states.' },
    PARTIALLY_RECOGNIZED: {
      description: 'Recognised by some states only (the TRNC is recognised by Türkiye alone).',
    },
    UNRECOGNIZED: { description: 'Recognised by no member of the United Nations.' },
  },
});

@Directive('@key(fields: "id")')
@Directive('@key(fields: "iso2")')
@ObjectType('Country', {
  implements: Node,
  description:
    'A state, present or historical. Each plain field holds the preferred value; `claims` gives every value with its sources.',
})
export class Country extends Node {
  @Field(() => String, {
    description: 'Stable, readable identifier ("kazakhstan"), the same after every re-seed.',
  })
  slug!: string;

  @Field(() => String, { description: 'The common English name ("Türkiye").' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The official long-form name, where a source gives it.',
  })
  officialName!: string | null;

  @Field(() => [String], {
    description: 'Other names and spellings the sources use ("Turkey"). Lookups by name match these too.',
  })
  aliases!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code ("KZ"); null for states without one (the TRNC, historical states).',
  })
  iso2!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code ("KAZ").' })
  iso3!: string | null;

  @Field(() => String, { nullable: true, description: 'The capital city, where a source states it.' })
  capital!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The region the sources place it in ("Central Asia").',
  })
  region!: string | null;

  @Field(() => RecognitionEnum, {
    nullable: true,
    description:
      'International recognition where it is limited; null for states whose recognition no source questions.',
  })
  recognition!: string | null;

  @Field(() => Boolean, { description: 'True for a state that no longer exists (the Soviet Union).' })
  historical!: boolean;

  @Field(() => PartialDateType, {
    nullable: true,
    description: 'When it became independent, to the precision the sources give.',
  })
  independence!: PartialDateValue | null;

  @Field(() => PartialDateType, {
    nullable: true,
    description: 'When it ceased to exist, for historical states.',
  })
  dissolved!: PartialDateValue | null;
}

@ObjectType('CountryConnection', { description: 'A page of countries.' })
export class CountryConnection extends Connection(Country, 'Country', 'countries') {}
