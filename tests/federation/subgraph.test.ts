import { useTestService } from '../support/service';

const api = useTestService();

describe('Federation: the subgraph', () => {
  it('publishes its SDL with the federation link and the Country keys', async () => {
    const { body } = await api.gql('{ _service { sdl } }');
    const sdl = body.data!._service.sdl as string;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.12"');
    expect(sdl).toMatch(/type Country implements Node\s+@key\(fields: "id"\)\s+@key\(fields: "iso2"\)/);
  });

  it('resolves three Country representations with exactly one SQL statement', async () => {
    const ids = await api.gql('{ countries(first: 3) { nodes { id slug } } }');
    const nodes = ids.body.data!.countries.nodes as { id: string; slug: string }[];
    expect(nodes).toHaveLength(3);
    const { body } = await api.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { slug name } } }',
      {
        r: nodes.map((n) => ({ __typename: 'Country', id: n.id })),
      },
    );
    expect(body.errors).toBeUndefined();
    expect((body.data!._entities as { slug: string }[]).map((e) => e.slug)).toEqual(nodes.map((n) => n.slug));
    expect((body.extensions!.stats as { sqlStatements: number }).sqlStatements).toBe(1);
  });

  it('resolves a Country representation by its ISO code', async () => {
    const { body } = await api.gql(
      '{ _entities(representations: [{ __typename: "Country", iso2: "KZ" }]) { ... on Country { slug } } }',
    );
    expect(body.data!._entities).toEqual([{ slug: 'kazakhstan' }]);
  });

  it('answers null for a representation of nothing', async () => {
    const { body } = await api.gql(
      '{ _entities(representations: [{ __typename: "Country", id: "Q291bnRyeTpub3doZXJl" }]) { ... on Country { slug } } }',
    );
    expect(body.data!._entities).toEqual([null]);
  });
});
