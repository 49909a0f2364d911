/**
 * The DataLoader layer's promise: the number of SQL statements a request runs depends on the shape of the
 * query, not on how many rows it returns. Counted (not timed) through `extensions.stats.sqlStatements`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFiles } from '../../src/ingest/load';
import { readInputs } from '../../src/ingest/read-inputs';
import { freshDatabase, seededDatabase } from '../support/database';
import { startTestService, type TestService } from '../support/service';

const DEEP_QUERY = `{
  countries(first: 20) {
    nodes {
      name
      memberships(first: 20) {
        nodes {
          status
          organization {
            name
            members(first: 20) {
              nodes {
                status
                member {
                  ... on Country { name claims { value sources { quote document { title } } } }
                  ... on Organization { name claims { value sources { quote document { title } } } }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

/** A synthetic document: `count` more countries, each a member of the Organization of Turkic States. */
function syntheticSources(count: number): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-synthetic-'));
  const lines = Array.from(
    { length: count },
    (_, i) => `Synthetic state number ${i + 1} joined the Turkic council as a member in 2020.`,
  );
  fs.writeFileSync(path.join(dir, 'synthetic.txt'), lines.join('\n'));
  const entities = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const quote = `Synthetic state number ${n} joined the Turkic council as a member in 2020.`;
    return `  - type: Country
    id: synthetic-state-${n}
    claims:
      - { field: name, value: "Synthetic State ${n}", cite: [{ quote: "${quote}" }] }
  - type: Membership
    id: synthetic-state-${n}--organization-of-turkic-states
    claims:
      - values: { member: synthetic-state-${n}, organization: organization-of-turkic-states, status: MEMBER, since: "2020" }
        cite: [{ quote: "${quote}" }]`;
  });
  const file = path.join(dir, 'synthetic.yaml');
  fs.writeFileSync(
    file,
    `document:\n  id: synthetic-members\n  file: synthetic.txt\n  title: Synthetic members\n  kind: OTHER\nentities:\n${entities.join('\n')}\n`,
  );
  return { dir, file };
}

function countRows(data: any): number {
  let rows = 0;
  for (const c of data.countries.nodes)
    for (const m of c.memberships.nodes) rows += 1 + m.organization.members.nodes.length;
  return rows;
}

describe('Loaders: SQL statements depend on the shape of a query, not its rows', () => {
  let small: TestService;
  let large: TestService;
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    small = await startTestService();
    db = await seededDatabase('statements_large');
    const synthetic = syntheticSources(60);
    await loadFiles(db.dataSource, readInputs([synthetic.file]), { sourcesDir: synthetic.dir });
    fs.rmSync(synthetic.dir, { recursive: true, force: true });
    large = await startTestService({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await small.stop();
    await large.stop();
    await db.drop();
  });

  it('runs the deep query (countries, memberships, organization, members, member, claims, sources with their documents) in 7 statements at two data sizes', async () => {
    const a = await small.gql(DEEP_QUERY);
    const b = await large.gql(DEEP_QUERY);
    expect(a.body.errors).toBeUndefined();
    expect(b.body.errors).toBeUndefined();
    // the larger graph really returns more rows (the organization's page of members is full), within the cost limit
    expect(countRows(b.body.data)).toBeGreaterThan(countRows(a.body.data) + 20);
    expect((a.body.extensions!.cost as any).requested).toBeLessThanOrEqual(
      (a.body.extensions!.cost as any).limit,
    );
    expect((a.body.extensions!.stats as any).sqlStatements).toBe(7);
    expect((b.body.extensions!.stats as any).sqlStatements).toBe(7);
  });

  it('resolves 100 mixed _entities representations in two statements: the entities of every type, and the documents', async () => {
    const ids = await small.gql(`{
      countries(first: 25) { nodes { id } } organizations(first: 25) { nodes { id } }
      events(first: 25) { nodes { id } } agreements(first: 20) { nodes { id } } documents(first: 5) { nodes { id } }
    }`);
    const d = ids.body.data!;
    const representations = [
      ...d.countries.nodes.map((n: any) => ({ __typename: 'Country', id: n.id })),
      ...d.organizations.nodes.map((n: any) => ({ __typename: 'Organization', id: n.id })),
      ...d.events.nodes.map((n: any) => ({ __typename: 'Event', id: n.id })),
      ...d.agreements.nodes.map((n: any) => ({ __typename: 'Agreement', id: n.id })),
      ...d.documents.nodes.map((n: any) => ({ __typename: 'Document', id: n.id })),
    ];
    expect(representations.length).toBeGreaterThanOrEqual(95);
    const { body } = await small.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Node { id } } }',
      { r: representations },
    );
    expect(body.errors).toBeUndefined();
    expect((body.data!._entities as { id: string }[]).map((e) => e.id)).toEqual(
      representations.map((r) => r.id),
    );
    expect((body.extensions!.stats as any).sqlStatements).toBe(2);
  });
});
