/**
 * Fault: a relationship's sources cannot be read. The citations of a membership come in one batch; when
 * that batch fails (here: the citation table is locked past the statement time limit), the field answers
 * with the error, never as a relationship that has no sources.
 */
import { useSeededService } from './support';

const DATABASE = 'faults_relationship_sources';
// `first` differs between the two requests, so that the second is not answered from the response cache
const query = (first: number) =>
  `{ country(name: "Turkey") { memberships(first: ${first}) { nodes { organization { slug } sources { quote } } } } }`;

jest.setTimeout(60_000);

describe('Faults: the sources of a relationship cannot be read', () => {
  const env = useSeededService(DATABASE, { statementTimeoutMs: 300 });

  it('answers the error of the failed batch, not empty sources', async () => {
    const before = await env.api.gql(query(5));
    expect(before.body.errors).toBeUndefined();
    const nodes = before.body.data!.country.memberships.nodes as { sources: unknown[] }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.sources.length > 0)).toBe(true);

    await env.admin.query('LOCK TABLES citation WRITE');
    try {
      const { body } = await env.api.gql(query(6));
      const errors = body.errors ?? [];
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(e.path?.at(-1)).toBe('sources');
      }
    } finally {
      await env.admin.query('UNLOCK TABLES');
    }
  });
});
