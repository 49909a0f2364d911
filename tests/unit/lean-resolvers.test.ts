/**
 * Lean resolvers: the built schema resolves plain properties with graphql's default resolver, resolves
 * unions and interfaces synchronously, and calls field resolvers that take no arguments directly, while
 * fields with arguments keep type-graphql's handling. (The API suites check that the answers are unchanged.)
 */
import 'reflect-metadata';
import { isObjectType, type GraphQLAbstractType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildGraphSchema } from '../../src/graph/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphSchema();
});

const field = (type: string, name: string) => {
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  const f = t.getFields()[name];
  if (!f) throw new Error(`${type}.${name} does not exist`);
  return f;
};

describe('Lean resolvers', () => {
  it('plain properties have no resolver of their own', () => {
    for (const [type, name] of [
      ['Country', 'name'],
      ['Country', 'iso2'],
      ['Membership', 'status'],
      ['Organization', 'name'],
      ['PageInfo', 'endCursor'],
    ])
      expect([`${type}.${name}`, field(type!, name!).resolve]).toEqual([`${type}.${name}`, undefined]);
  });

  it('unions and interfaces name the type at once, not through a promise', () => {
    const info = {} as GraphQLResolveInfo;
    for (const [abstract, value] of [
      ['Actor', { __typename: 'Organization' }],
      ['Participant', { __typename: 'Country' }],
      ['SearchResult', { __typename: 'Document' }],
      ['Node', { __typename: 'Event' }],
    ] as const) {
      const type = schema.getType(abstract) as GraphQLAbstractType;
      expect(type.resolveType!(value, {}, info, type)).toBe(value.__typename);
    }
  });

  it('a field resolver of the parent and the context is the method itself; one with arguments keeps its wrapper', async () => {
    const member = field('Membership', 'member').resolve!;
    // the direct call passes the parent and the context on, nothing else: a parent with no member gives null
    // (synchronously: a value in hand is not wrapped in a promise)
    expect(member({ memberId: null, memberType: null }, {}, {}, {} as GraphQLResolveInfo)).toBeNull();
    expect(member.length).toBe(3);
    // `memberships(first:, after:, asOf:)` converts its arguments through type-graphql (four parameters)
    expect(field('Country', 'memberships').resolve!.length).toBe(4);
  });
});
