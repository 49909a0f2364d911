/**
 * Search matches names word by word, in any order, and ranks a full match of every word above partial
 * ones; counts say whether they are exact.
 */
import { useTestService } from '../support/service';

const api = useTestService();

type Hit = {
  score: number;
  matchedIn: string[];
  node: { __typename: string; slug?: string; title?: string };
};

async function search(
  text: string,
): Promise<{ totalCount: number; totalCountIsLowerBound: boolean; edges: Hit[] }> {
  const { body } = await api.gql(
    `query($text: String!) { search(text: $text, first: 10) { totalCount totalCountIsLowerBound edges { score matchedIn node {
        __typename ... on Organization { slug } ... on Country { slug } ... on Event { slug } ... on Document { title } } } } }`,
    { text },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.search;
}

describe('Search: words of names', () => {
  it('finds the Organization of Turkic States first for "Turkic States organization" (reordered words)', async () => {
    const { edges } = await search('Turkic States organization');
    expect(edges[0]!.node).toEqual({ __typename: 'Organization', slug: 'organization-of-turkic-states' });
    expect(edges[0]!.matchedIn).toContain('name');
    expect(edges[0]!.score).toBeGreaterThanOrEqual(750);
    expect(edges[0]!.score).toBeLessThan(800);
  });

  it('finds what names Kazakhstan–Turkey relations first for "Kazakhstan Turkey relations"', async () => {
    const { edges } = await search('Kazakhstan Turkey relations');
    // An alias holds every word ("Kazakhstan–Turkey diplomatic relations established"): the word tier.
    expect(edges[0]!.node).toEqual({
      __typename: 'Event',
      slug: 'kazakhstan-turkiye-diplomatic-relations-established',
    });
    expect(edges[0]!.score).toBeGreaterThanOrEqual(750);
    // The document of that title is the best full-text match, right after it.
    expect(edges[1]!.node).toEqual({ __typename: 'Document', title: 'Kazakhstan–Turkey relations' });
    expect(edges[1]!.matchedIn).toEqual(['title']);
  });

  it('finds a name by one of its words, above every full-text match', async () => {
    const { edges } = await search('Turkic');
    const ots = edges.find((e) => e.node.slug === 'organization-of-turkic-states');
    expect(ots).toBeDefined();
    expect(ots!.score).toBeGreaterThanOrEqual(750);
  });

  it('says the count is exact when no source filled its window', async () => {
    const result = await search('Turkic');
    expect(result.totalCount).toBeGreaterThan(10);
    expect(result.totalCountIsLowerBound).toBe(false);
  });
});
