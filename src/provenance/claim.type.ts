import { Field, ID, ObjectType } from 'type-graphql';
import { CitationType } from './citation.type';
import { Node } from './node.type';
import { PartialDateType } from './partial-date.type';
import { RankEnum } from './rank.type';
import type { PartialDateValue } from './partial-date';
import type { Rank } from './entity-types';

export interface ClaimModel {
  __typename: 'Claim';
  id: string;
  subjectId: string;
  subjectType: string;
  field: string;
  value: string;
  valueRef: string | null;
  /** The type of the entity `valueRef` names. */
  valueType: string | null;
  rank: Rank;
  validFrom: PartialDateValue | null;
  validTo: PartialDateValue | null;
  inferred: boolean;
  note: string | null;
  /** The revisions it first appeared and last changed in (src/revisions/). */
  firstRevision: string | null;
  lastChangedRevision: string | null;
}

@ObjectType('Claim', {
  description:
    'What one or more documents assert about one field of one entity: the value as stated, its rank against competing claims, when it held, and the quotes that state it.',
})
export class ClaimType {
  @Field(() => ID, {
    description:
      'Stable id of the claim: the same subject, field, value and validity always give the same id.',
  })
  id!: string;

  @Field(() => String, {
    description: 'The field the claim is about, as named in the schema ("capital", "aliases").',
  })
  field!: string;

  @Field(() => String, {
    description:
      'The value as stated: text, an ISO partial date, a number, an enum name, or the slug of the entity referred to; "unknown" when a source says there is a value but not what it is.',
  })
  value!: string;

  @Field(() => Boolean, {
    description: 'True when the sources say a value exists but not what it is (a date given as "this week").',
  })
  unknown!: boolean;

  @Field(() => Node, {
    nullable: true,
    description: 'The entity the value refers to, for fields that point to another entity.',
  })
  valueNode!: unknown;

  @Field(() => RankEnum, { description: 'How this claim stands against other claims about the same field.' })
  rank!: Rank;

  @Field(() => PartialDateType, {
    nullable: true,
    description: "From when the claim held (a former name's first year).",
  })
  validFrom!: PartialDateValue | null;

  @Field(() => PartialDateType, {
    nullable: true,
    description: "Until when the claim held (a former name's last year).",
  })
  validTo!: PartialDateValue | null;

  @Field(() => Boolean, {
    description:
      "True when the value is a curator's inference rather than the source's words; the note says how.",
  })
  inferred!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The curator's note: why a value is preferred, how it was inferred, what conflicts with it.",
  })
  note!: string | null;

  @Field(() => [CitationType], { description: 'The quotes that state this claim, each with its document.' })
  sources!: unknown[];
}
