import { ArgsType, Field } from 'type-graphql';
import { RankEnum } from './rank.type';
import type { Rank } from './entity-types';

/** The ranks `claims` returns unless asked otherwise: deprecated claims are kept but not shown by default. */
export const DEFAULT_RANKS: Rank[] = ['PREFERRED', 'NORMAL'];

@ArgsType()
export class RanksArg {
  @Field(() => [RankEnum], {
    defaultValue: DEFAULT_RANKS,
    description: 'Which ranks to include; DEPRECATED claims are left out unless asked for.',
  })
  ranks?: Rank[] | null;
}
