import { collectPages } from '../support/paging';
import { expectBadUserInput } from '../support/assertions';
import { useTestService } from '../support/service';

const api = useTestService();

type Nodes = { slug: string }[];
const slugs = (nodes: Nodes) => nodes.map((n) => n.slug);

async function listFigures(args: string): Promise<string[]> {
  const { body } = await api.gql(`{ figures(first: 100${args ? `, ${args}` : ''}) { nodes { slug } } }`);
  expect(body.errors).toBeUndefined();
  return slugs(body.data!.figures.nodes as Nodes);
}

async function idOf(
  type: 'country' | 'organization' | 'project' | 'agreement',
  name: string,
): Promise<string> {
  const { body } = await api.gql(`query($name: String!) { ${type}(name: $name) { id } }`, { name });
  return body.data![type].id as string;
}

const MINISTRY_QUOTE =
  '“In 2024, trade turnover between Kazakhstan and the United States amounted to $4.2 billion,” the ministry stated.';

describe('Figures: about Kazakhstan', () => {
  it('gives the competing values of the 2024 Kazakhstan–US trade turnover, one preferred, each with its source', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const { body } = await api.gql(
      `query($kz: ID!) {
        figures(first: 100, filter: { about: $kz, metrics: [TRADE_TURNOVER], periodFrom: "2024" }) {
          nodes {
            slug metric value unit qualifier asStated period { text precision }
            subject { __typename id ... on Country { name } }
            counterpart { __typename ... on Country { name } }
            sources { quote }
            claims(fields: [VALUE]) { field value rank inferred note sources { quote document { title } } }
          }
        }
      }`,
      { kz: kazakhstan },
    );
    expect(body.errors).toBeUndefined();
    const [figure, ...rest] = body.data!.figures.nodes as Record<string, any>[];
    expect(rest).toEqual([]);
    expect(figure).toMatchObject({
      slug: 'kazakhstan-us-trade-turnover-2024',
      metric: 'TRADE_TURNOVER',
      value: 4200000000,
      unit: 'USD',
      qualifier: 'EXACT',
      asStated: '$4.2 billion',
      period: { text: '2024', precision: 'YEAR' },
      subject: { __typename: 'Country', id: kazakhstan, name: 'Kazakhstan' },
      counterpart: { __typename: 'Country', name: 'United States' },
    });
    expect(figure!.sources.map((s: { quote: string }) => s.quote)).toContain(MINISTRY_QUOTE);
    const claims = figure!.claims as {
      field: string;
      value: string;
      rank: string;
      inferred: boolean;
      note: string;
      sources: { quote: string; document: { title: string } }[];
    }[];
    expect(claims.map((c) => [c.value, c.rank])).toEqual([
      ['4200000000', 'PREFERRED'],
      ['3000000000', 'NORMAL'],
    ]);
    expect(claims.every((c) => c.field === 'value')).toBe(true);
    expect(claims[0]!.sources.map((s) => s.quote)).toEqual([MINISTRY_QUOTE]);
    expect(claims[1]!.inferred).toBe(true);
    expect(claims[1]!.note).toMatch(/Rysmambetov/);
    expect(claims[1]!.sources[0]!.quote).toMatch(
      /^Rysmambetov noted that Kazakhstan exported over \$2 billion/,
    );
  });

  it('lists the same figures through filter.about and through Country.figures, subject or counterpart', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const about = await listFigures(`filter: { about: "${kazakhstan}" }`);
    const { body } = await api.gql(
      '{ country(name: "Kazakhstan") { figures(first: 100) { totalCount nodes { slug } } } }',
    );
    expect(body.errors).toBeUndefined();
    const nested = slugs(body.data!.country.figures.nodes as Nodes);
    expect(nested).toEqual(about);
    expect(nested.length).toBe(19);
    expect(body.data!.country.figures.totalCount).toBe(19);
    // Kazakhstan as subject, and as counterpart.
    expect(nested).toEqual(
      expect.arrayContaining(['kazakhstan-turkiye-trade-turnover-2005', 'turkiye-investment-in-kazakhstan']),
    );
    // Earliest period first, unknown periods last.
    expect(nested.slice(0, 4)).toEqual([
      'kazakhstan-turkiye-trade-turnover-2004',
      'kazakhstan-turkiye-trade-turnover-2005',
      'kazakhstan-turkiye-trade-turnover-growth-2005',
      'kazakhstan-turkiye-trade-turnover-2006-target',
    ]);
  });

  it('shows a figure about a pair under both sides', async () => {
    const { body } = await api.gql(`{
      kz: country(name: "Kazakhstan") { figures(first: 100) { nodes { slug } } }
      us: country(name: "United States") { figures(first: 100) { totalCount nodes { slug } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(slugs(body.data!.kz.figures.nodes)).toContain('kazakhstan-us-trade-turnover-2024');
    expect(slugs(body.data!.us.figures.nodes)).toContain('kazakhstan-us-trade-turnover-2024');
    expect(body.data!.us.figures.totalCount).toBe(22);
  });
});

describe('Figures: the list', () => {
  it('filters by subject, counterpart, metric and a period range', async () => {
    const kazakhstan = await idOf('country', 'Kazakhstan');
    const turkiye = await idOf('country', 'Türkiye');
    expect(
      await listFigures(
        `filter: { subject: "${kazakhstan}", counterpart: "${turkiye}", metrics: [TRADE_TURNOVER], periodFrom: "2005", periodTo: "2006-06" }`,
      ),
    ).toEqual(['kazakhstan-turkiye-trade-turnover-2005', 'kazakhstan-turkiye-trade-turnover-2006-target']);
    expect(await listFigures(`filter: { subject: "${turkiye}", counterpart: "${kazakhstan}" }`)).toEqual(
      expect.arrayContaining(['turkiye-investment-in-kazakhstan']),
    );
  });

  it('finds figures whose subject is a project, an agreement or an organization', async () => {
    const { body } = await api.gql(`{
      project(name: "Kuirektykol deposit") { figures { totalCount nodes { subject { __typename ... on Project { slug } } } } }
      agreement(name: "common Turkic alphabet") { figures { nodes { slug value unit subject { __typename } } } }
      organization(name: "Organization of Turkic States") { figures { nodes { slug metric } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.figures.totalCount).toBe(8);
    expect(
      body.data!.project.figures.nodes.every(
        (n: { subject: { __typename: string; slug: string } }) =>
          n.subject.__typename === 'Project' && n.subject.slug === 'kuirektykol-deposit',
      ),
    ).toBe(true);
    expect(body.data!.agreement.figures.nodes).toEqual([
      {
        slug: 'common-turkic-alphabet-letter-count',
        value: 34,
        unit: 'letters',
        subject: { __typename: 'Agreement' },
      },
    ]);
    expect(slugs(body.data!.organization.figures.nodes)).toEqual(
      expect.arrayContaining(['ots-population', 'ots-gdp']),
    );
  });

  it('sorts by value, largest first, within one metric', async () => {
    const { body } = await api.gql(
      '{ figures(first: 100, filter: { metrics: [TRADE_TURNOVER] }, orderBy: { field: VALUE, direction: DESC }) { nodes { slug value } } }',
    );
    expect(body.errors).toBeUndefined();
    const values = (body.data!.figures.nodes as { value: number }[]).map((n) => n.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBe(54000000000);
    expect(values[values.length - 1]).toBe(500000000);
  });

  it('sorts by period, earliest first by default, and latest first when asked, unknown last either way', async () => {
    const asc = await api.gql('{ figures(first: 100) { totalCount nodes { period { text } } } }');
    const desc = await api.gql(
      '{ figures(first: 100, orderBy: { field: PERIOD, direction: DESC }) { nodes { period { text } } } }',
    );
    type P = { period: { text: string } | null }[];
    const ascNodes = asc.body.data!.figures.nodes as P;
    const descNodes = desc.body.data!.figures.nodes as P;
    expect(ascNodes.length).toBe(asc.body.data!.figures.totalCount);
    expect(ascNodes[0]!.period!.text).toBe('2004');
    expect(descNodes[0]!.period!.text).toBe('2028');
    expect(ascNodes[ascNodes.length - 1]!.period).toBeNull();
    expect(descNodes[descNodes.length - 1]!.period).toBeNull();
  });

  it.each(['', 'orderBy: { field: VALUE }', 'orderBy: { field: PERIOD, direction: DESC }'])(
    'pages through every figure with no duplicate and no gap (%s)',
    async (order) => {
      const expected = await listFigures(order);
      const seen = await collectPages(
        api,
        `query($after: String) { figures(first: 7, after: $after${order ? `, ${order}` : ''}) { pageInfo { hasNextPage endCursor } nodes { slug } } }`,
        'figures',
        { maxPages: 40 },
      );
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
    },
  );

  it("pages through a country's figures with no duplicate", async () => {
    const seen = await collectPages(
      api,
      'query($after: String) { country(name: "Kazakhstan") { figures(first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug } } } }',
      'country.figures',
      { maxPages: 10 },
    );
    expect(seen.length).toBe(19);
    expect(new Set(seen).size).toBe(19);
  });
});

describe('Figures: bad arguments', () => {
  it('refuses first: 0 at the root and on a country', async () => {
    expectBadUserInput((await api.gql('{ figures(first: 0) { totalCount } }')).body, 'first');
    expectBadUserInput(
      (await api.gql('{ country(name: "Kazakhstan") { figures(first: 0) { totalCount } } }')).body,
      'first',
    );
  });

  it('refuses an impossible date', async () => {
    expectBadUserInput(
      (await api.gql('{ figures(filter: { periodFrom: "2025-02-30" }) { totalCount } }')).body,
      'filter.periodFrom',
    );
    expectBadUserInput(
      (await api.gql('{ figures(filter: { periodTo: "2025-13" }) { totalCount } }')).body,
      'filter.periodTo',
    );
  });

  it('refuses a range that ends before it starts', async () => {
    expectBadUserInput(
      (await api.gql('{ figures(filter: { periodFrom: "2025", periodTo: "2024-12" }) { totalCount } }')).body,
      'filter.periodTo',
    );
  });

  it('refuses an id that is not an entity id', async () => {
    expectBadUserInput(
      (await api.gql('{ figures(filter: { about: "kazakhstan" }) { totalCount } }')).body,
      'filter.about',
    );
  });
});
