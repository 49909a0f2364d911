/**
 * Search leaves a word out of a full-text source's match when that source holds it more often than
 * SEARCH_COMMON_WORD_LIMIT (a full-text index reads every row holding a word before it ranks any), says so
 * with `totalCountIsLowerBound`, and still matches names word by word. The limit is set low here so that the
 * curated seed has common words; the same service with the default limit is the reference.
 */
import { useSeededService } from '../faults/support';

type Search = {
  totalCount: number;
  totalCountIsLowerBound: boolean;
  edges: { matchedIn: string[]; node: { __typename: string; slug?: string } }[];
};

const LIMIT = 3;

describe('Search: words too common to read', () => {
  const reference = useSeededService('search_common_reference');
  const limited = useSeededService('search_common_limited', { searchCommonWordLimit: LIMIT });

  const search = async (env: typeof reference, text: string) => {
    const { status, body } = await env.api.gql(
      `query($text: String!) { search(text: $text, first: 100) { totalCount totalCountIsLowerBound
         edges { matchedIn node { __typename ... on Country { slug } ... on Organization { slug } } } } }`,
      { text },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!.search as Search;
  };
  const quoteHits = (s: Search) => s.edges.filter((e) => e.matchedIn.includes('quote')).length;

  /** A word of at least six letters that the quotes hold exactly `times` times. */
  const quoteWord = async (times: number) => {
    const [found] = await limited.admin.query(
      "SELECT term FROM text_term WHERE source = 'citation' AND occurrences = ? AND term REGEXP '^[a-z]{6,}$' ORDER BY term LIMIT 1",
      [times],
    );
    return (found as { term: string }[])[0]!.term;
  };

  it('matches a common word by names only, and says the count is a lower bound', async () => {
    const [counted] = await limited.admin.query(
      "SELECT occurrences FROM text_term WHERE source = 'citation' AND term = 'Kazakhstan'",
    );
    expect(Number((counted as { occurrences: number }[])[0]!.occurrences)).toBeGreaterThan(LIMIT);

    const full = await search(reference, 'Kazakhstan');
    expect(quoteHits(full)).toBeGreaterThan(0);

    const names = await search(limited, 'Kazakhstan');
    expect(names.edges[0]!.node).toEqual({ __typename: 'Country', slug: 'kazakhstan' });
    expect(quoteHits(names)).toBe(0);
    expect(names.totalCountIsLowerBound).toBe(true);
    expect(names.totalCount).toBeLessThan(full.totalCount);

    // the same word again in other letters is the same word to the index: still left out
    const twice = await search(limited, 'Kazakhstan KAZAKHSTAN kazakhstan');
    expect(quoteHits(twice)).toBe(0);
    expect(twice.totalCountIsLowerBound).toBe(true);
  });

  it('matches quotes by the rarer words of a text and leaves the common ones out', async () => {
    const rare = await quoteWord(1);
    const alone = await search(limited, rare);
    expect(quoteHits(alone)).toBe(1);
    expect(alone.totalCountIsLowerBound).toBe(false);
    expect(alone).toEqual(await search(reference, rare));

    // with a common word beside it: the quotes are those of the rare word, the count a lower bound
    const both = await search(limited, `Kazakhstan ${rare}`);
    expect(quoteHits(both)).toBe(1);
    expect(both.totalCountIsLowerBound).toBe(true);
    expect(quoteHits(await search(reference, `Kazakhstan ${rare}`))).toBeGreaterThan(1);
  });

  it('does not count stop words, which the index never holds, as too common', async () => {
    const rare = await quoteWord(1);
    const [stored] = await limited.admin.query(
      "SELECT COUNT(*) AS n FROM text_term WHERE term IN ('the', 'with')",
    );
    expect(Number((stored as { n: number }[])[0]!.n)).toBe(0);
    const withStopWords = await search(limited, `the ${rare} with`);
    expect(quoteHits(withStopWords)).toBe(1);
    expect(withStopWords.totalCountIsLowerBound).toBe(false);
  });
});
