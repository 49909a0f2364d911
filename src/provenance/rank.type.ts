import { registerEnumType } from 'type-graphql';

export const RankEnum = { PREFERRED: 'PREFERRED', NORMAL: 'NORMAL', DEPRECATED: 'DEPRECATED' } as const;
registerEnumType(RankEnum, {
  name: 'Rank',
  description: 'How a claim stands against other claims about the same field (as in Wikidata).',
  valuesConfig: {
    PREFERRED: {
      description: 'The best value: where sources disagree, this is the one the plain field shows.',
    },
    NORMAL: { description: 'A value a source gives, not contradicted or not preferred.' },
    DEPRECATED: {
      description: 'A value a source gives that is known to be wrong or outdated; kept, not deleted.',
    },
  },
});
