import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

const BY_NAME = 'query($name: String!) { country(name: $name) { id slug name aliases } }';

describe('Countries: lookup', () => {
  it.each(['Türkiye', 'Turkey', 'türkiye', 'TURKIYE', 'turkey', '  Türkiye '])(
    'finds Türkiye by %j',
    async (name) => {
      const { status, body } = await api.gql(BY_NAME, { name });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.country).toMatchObject({ slug: 'turkiye', name: 'Türkiye' });
      expect(body.data!.country.aliases).toContain('Turkey');
    },
  );

  it('finds a country by its id and by its ISO code, and the three agree', async () => {
    const byName = await api.gql(BY_NAME, { name: 'Kazakhstan' });
    const id = byName.body.data!.country.id as string;
    const byId = await api.gql('query($id: ID!) { country(id: $id) { slug name iso2 } }', { id });
    expect(byId.body.data!.country).toMatchObject({ slug: 'kazakhstan', name: 'Kazakhstan', iso2: 'KZ' });
    const byIso = await api.gql('{ country(iso2: "kz") { id } }');
    expect(byIso.body.data!.country.id).toBe(id);
  });

  it('answers null for a name no country has', async () => {
    const { body } = await api.gql(BY_NAME, { name: 'Atlantis' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.country).toBeNull();
  });

  it('refuses two lookup keys at once, naming them', async () => {
    const { body } = await api.gql('{ country(name: "Turkey", iso2: "TR") { name } }');
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/exactly one of `id`, `iso2`, `name`; got `iso2` and `name`/);
  });

  it('keeps Turkish, Kazakh and Uzbek letters exactly as stored', async () => {
    const { body } = await api.gql('{ country(name: "Turkey") { name } }');
    expect(body.data!.country.name).toBe('Türkiye');
    expect(Buffer.from(body.data!.country.name as string).toString('hex')).toBe(
      Buffer.from('Türkiye').toString('hex'),
    );
  });
});

describe('Countries: the list', () => {
  it('pages through every country with no duplicate and no gap', async () => {
    const all = await api.gql('{ countries(first: 100) { totalCount nodes { slug } } }');
    const expected = (all.body.data!.countries.nodes as { slug: string }[]).map((n) => n.slug);
    expect(expected.length).toBe(all.body.data!.countries.totalCount);
    const seen = await collectPages(
      api,
      'query($after: String) { countries(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }',
      'countries',
    );
    expect(seen).toEqual(expected);
  });

  it('pages backwards with last and before', async () => {
    const all = await api.gql('{ countries(first: 100) { nodes { slug } } }');
    const slugs = (all.body.data!.countries.nodes as { slug: string }[]).map((n) => n.slug);
    const tail = await api.gql(
      '{ countries(last: 2) { nodes { slug } pageInfo { hasPreviousPage startCursor } } }',
    );
    expect(tail.body.data!.countries.nodes.map((n: { slug: string }) => n.slug)).toEqual(slugs.slice(-2));
    expect(tail.body.data!.countries.pageInfo.hasPreviousPage).toBe(true);
    const before = await api.gql('query($c: String) { countries(last: 2, before: $c) { nodes { slug } } }', {
      c: tail.body.data!.countries.pageInfo.startCursor,
    });
    expect(before.body.data!.countries.nodes.map((n: { slug: string }) => n.slug)).toEqual(
      slugs.slice(-4, -2),
    );
  });

  it.each([0, 101, 500])('refuses first: %i, naming the argument and the range', async (first) => {
    const { body } = await api.gql(`{ countries(first: ${first}) { totalCount } }`);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toBe(
      `Invalid argument "first": ${first} is out of range: expected 1 to 100`,
    );
  });

  it('refuses a cursor it did not make', async () => {
    const { body } = await api.gql('{ countries(after: "not-a-cursor") { totalCount } }');
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/Invalid argument "after"/);
  });
});
