import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DatePrecision } from './partial-date';

export const DatePrecisionEnum = { YEAR: 'YEAR', MONTH: 'MONTH', DAY: 'DAY', UNKNOWN: 'UNKNOWN' } as const;
registerEnumType(DatePrecisionEnum, {
  name: 'DatePrecision',
  description: 'How much of a date the sources give.',
  valuesConfig: {
    YEAR: { description: 'Only the year ("2009").' },
    MONTH: { description: 'The year and month ("2025-04").' },
    DAY: { description: 'A full date ("2025-04-03").' },
    UNKNOWN: { description: 'The date exists but the sources give it only relatively ("this week").' },
  },
});

@ObjectType('PartialDate', {
  description: 'A date known to the precision its source gives: "2009" is the year 2009, never 2009-01-01.',
})
export class PartialDateType {
  @Field(() => String, {
    description: 'ISO 8601 text to its precision ("2009", "2025-04", "2025-04-03"), or "unknown".',
  })
  text!: string;

  @Field(() => DatePrecisionEnum, { description: 'How much of the date is known.' })
  precision!: DatePrecision;

  @Field(() => Int, { nullable: true, description: 'The year, when known.' })
  year!: number | null;

  @Field(() => Int, { nullable: true, description: 'The month (1-12), when known.' })
  month!: number | null;

  @Field(() => Int, { nullable: true, description: 'The day of the month, when known.' })
  day!: number | null;
}
