/** The timeline of several participants: all of them (the intersection) or any of them (the union). */
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

async function idOf(name: string): Promise<string> {
  const { body } = await api.gql('query($name: String!) { country(name: $name) { id } }', { name });
  expect(body.errors).toBeUndefined();
  return body.data!.country.id as string;
}

const FIELDS = `totalCount totalCountIsLowerBound pageInfo { hasNextPage endCursor }
  edges { date { text } node { __typename ... on Event { slug } ... on Agreement { slug } } }`;

type Page = {
  totalCount: number;
  totalCountIsLowerBound: boolean;
  edges: { date: { text: string }; node: { __typename: string; slug: string } }[];
};

async function timeline(p: string[], match?: 'ALL' | 'ANY'): Promise<Page> {
  const { body } = await api.gql(
    `query($p: [ID!], $m: TimelineParticipantsMatch) { timeline(participants: $p, participantsMatch: $m, first: 100) { ${FIELDS} } }`,
    { p, m: match },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.timeline;
}

const keys = (page: Page) => page.edges.map((e) => `${e.node.__typename}:${e.node.slug}`);

describe('Timeline: several participants', () => {
  it("ANY is the union of the participants' timelines, in the same order, counted exactly", async () => {
    const [kz, tr, az] = await Promise.all([idOf('Kazakhstan'), idOf('Türkiye'), idOf('Azerbaijan')]);
    const singles = await Promise.all([timeline([kz]), timeline([tr]), timeline([az])]);
    const union = new Set(singles.flatMap(keys));
    const any = await timeline([kz, tr, az], 'ANY');
    expect(any.totalCount).toBe(union.size);
    expect(any.totalCountIsLowerBound).toBe(false);
    expect(union.size).toBeLessThanOrEqual(100);
    expect(new Set(keys(any))).toEqual(union);
    expect(any.edges).toHaveLength(union.size);
    const whole = await timeline([]);
    const order = keys(whole);
    const positions = keys(any).map((k) => order.indexOf(k));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('ALL is the intersection, and the default', async () => {
    const [kz, tr] = await Promise.all([idOf('Kazakhstan'), idOf('Türkiye')]);
    const [a, b] = await Promise.all([timeline([kz]), timeline([tr])]);
    const both = keys(a).filter((k) => keys(b).includes(k));
    expect(both.length).toBeGreaterThan(0);
    expect(keys(await timeline([kz, tr], 'ALL'))).toEqual(both);
    expect(keys(await timeline([kz, tr]))).toEqual(both);
  });

  it('pages through ANY with no duplicate and no gap', async () => {
    const [kz, tr] = await Promise.all([idOf('Kazakhstan'), idOf('Türkiye')]);
    const all = await timeline([kz, tr], 'ANY');
    const seen = await collectPages(
      api,
      `query($p: [ID!], $after: String) { timeline(participants: $p, participantsMatch: ANY, first: 3, after: $after) { ${FIELDS} } }`,
      'timeline',
      {
        variables: { p: [kz, tr] },
        maxPages: 100,
        expectNoErrors: true,
        items: (conn) => keys(conn as unknown as Page),
      },
    );
    expect(seen).toEqual(keys(all));
  });
});
