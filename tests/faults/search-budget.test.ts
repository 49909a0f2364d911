/**
 * Fault: a search whose full-text sources take too long. At millions of quotes a common word makes the
 * full-text indexes read every row that holds it; past SEARCH_TEXT_BUDGET_MS the search answers from names
 * alone, and says its count is a lower bound, instead of failing at the statement time limit. An admin
 * connection's `LOCK TABLES citation WRITE` makes the full-text statement wait past its budget every time.
 */
import { useSeededService } from './support';

const DATABASE = 'faults_search_budget';
const BUDGET_MS = 300;

type Search = {
  totalCount: number;
  totalCountIsLowerBound: boolean;
  edges: { cursor: string; matchedIn: string[]; node: { __typename: string; slug?: string } }[];
};

jest.setTimeout(60_000);

describe('Faults: a search past its full-text budget', () => {
  const env = useSeededService(DATABASE, {
    searchTextBudgetMs: BUDGET_MS,
    statementTimeoutMs: 30_000,
    requestTimeoutMs: 30_000,
  });

  const search = async (text: string, first = 10, after?: string) => {
    const { status, body } = await env.api.gql(
      `query($text: String!, $first: Int, $after: String) { search(text: $text, first: $first, after: $after) {
         totalCount totalCountIsLowerBound edges { cursor matchedIn node { __typename ... on Country { slug } ... on Organization { slug } } } } }`,
      { text, first, after },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!.search as Search;
  };

  it('answers from names alone, as a lower bound, and in full once the quotes answer in time', async () => {
    const full = await search('Kazakhstan');
    expect(full.edges.some((e) => e.matchedIn.includes('quote'))).toBe(true);
    expect(full.edges[0]!.node).toEqual({ __typename: 'Country', slug: 'kazakhstan' });

    await env.admin.query('LOCK TABLES citation WRITE');
    try {
      const names = await search('Kazakhstan');
      expect(names.edges[0]!.node).toEqual({ __typename: 'Country', slug: 'kazakhstan' });
      expect(names.edges.every((e) => e.matchedIn.every((m) => m === 'name'))).toBe(true);
      expect(names.totalCountIsLowerBound).toBe(true);
      expect(names.totalCount).toBeLessThan(full.totalCount);
      // a page past the last hit counts apart, within the same budget
      const all = await search('Kazakhstan', 100);
      expect(all.edges).toHaveLength(names.totalCount);
      const past = await search('Kazakhstan', 10, all.edges.at(-1)!.cursor);
      expect(past.edges).toEqual([]);
      expect(past.totalCountIsLowerBound).toBe(true);
      expect(past.totalCount).toBe(names.totalCount);
    } finally {
      await env.admin.query('UNLOCK TABLES');
    }
    expect(await search('Kazakhstan')).toEqual(full);
  });
});
