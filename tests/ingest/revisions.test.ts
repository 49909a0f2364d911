/**
 * Revisions and the change feed: a load that changes claims records one revision with its counts, the
 * entities it touched enter `changes(since:)` and nothing else does, and a load that changes nothing
 * records no revision. Loaded into a database of its own, read back over HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadFiles, type InputFile, type LoadResult } from '../../src/ingest/load';
import { expectBadUserInput } from '../support/assertions';
import { freshDatabase } from '../support/database';
import { ROOT } from '../support/environment';
import { collectPages } from '../support/paging';
import { startTestService, type TestService } from '../support/service';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const SOURCES = path.join(FIXTURES, 'sources');
const VALID = fs.readFileSync(path.join(FIXTURES, 'ingest', 'steppe-bulletin.yaml'), 'utf8');

/** Replaces one passage of the fixture, failing loudly if the fixture no longer holds it. */
function edit(content: string, from: string, to: string): string {
  if (!content.includes(from)) throw new Error(`the fixture no longer holds ${JSON.stringify(from)}`);
  return content.replace(from, to);
}

/**
 * The fixture with, against the first load: one claim added (an alias of kazakhstan-test), one changed (a
 * note on uzbekistan-test's name), two deprecated (the 3.9 billion estimate's value and words on
 * steppe-trade-2023), and three removed (steppe-talks' end, and the name and kind of turkiye-is-bankasi,
 * which then no longer exists). steppe-memorandum and its party are untouched.
 */
const CHANGED = [
  (s: string) =>
    edit(
      s,
      '        cite: [{ quote: "Қазақстан Республикасы (the Republic of Kazakhstan)" }]\n',
      '        cite: [{ quote: "Қазақстан Республикасы (the Republic of Kazakhstan)" }]\n' +
        '      - field: aliases\n        value: Republic of Kazakhstan\n        cite: [{ quote: "the Republic of Kazakhstan" }]\n',
    ),
  (s: string) =>
    edit(
      s,
      '        value: "Oʻzbekiston"\n',
      '        value: "Oʻzbekiston"\n        note: As the bulletin spells it.\n',
    ),
  (s: string) =>
    edit(
      s,
      '        note: An earlier estimate of the same trade.\n',
      '        rank: DEPRECATED\n        note: An earlier estimate of the same trade.\n',
    ),
  (s: string) =>
    edit(
      s,
      '      - field: end\n        value: "2025"\n        cite: [{ quote: "will continue in 2025" }]\n',
      '',
    ),
  (s: string) =>
    edit(
      s,
      '  - type: Organization\n    id: turkiye-is-bankasi\n    claims:\n      - values: { name: "Türkiye İş Bankası", kind: BANK }\n        cite: [{ quote: "The Türkiye İş Bankası delegation attended." }]\n',
      '',
    ),
].reduce((content, change) => change(content), VALID);

const input = (content: string): InputFile[] => [{ name: 'steppe-bulletin.yaml', content }];
const load = (content: string) => loadFiles(ds, input(content), { sourcesDir: SOURCES });

let db: Awaited<ReturnType<typeof freshDatabase>>;
let ds: DataSource;
let api: TestService;
let first: LoadResult;
let second: LoadResult;

beforeAll(async () => {
  db = await freshDatabase('revisions_test');
  ds = db.dataSource;
  api = await startTestService({ databaseUrl: db.url });
  first = await load(VALID);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const revisionCount = async () =>
  Number(((await ds.query('SELECT COUNT(*) AS n FROM revision')) as { n: string }[])[0]!.n);

async function changesSince(
  since: string,
): Promise<{ id: string; type: string; removed: boolean; slug: string | null; revision: string }[]> {
  return collectPages(
    api,
    `query($since: ID!, $after: String) { changes(since: $since, first: 2, after: $after) {
      nodes { id type removed node { ... on Country { slug } ... on Event { slug } ... on Figure { slug } ... on Organization { slug } ... on Agreement { slug } ... on AgreementParty { slug } } revision { id } }
      pageInfo { hasNextPage endCursor } } }`,
    'changes',
    {
      variables: { since },
      expectNoErrors: true,
      items: (c) =>
        (
          c.nodes as {
            id: string;
            type: string;
            removed: boolean;
            node: { slug: string } | null;
            revision: { id: string };
          }[]
        ).map((n) => ({
          id: n.id,
          type: n.type,
          removed: n.removed,
          slug: n.node?.slug ?? null,
          revision: n.revision.id,
        })),
    },
  );
}

describe('Revisions: the first load', () => {
  it('records one revision: every claim added, every entity changed, the document listed', async () => {
    expect(first.revision).not.toBeNull();
    expect(first.revision).toEqual({
      id: first.revision!.id,
      added: first.claims,
      changed: 0,
      deprecated: 0,
      removed: 0,
    });
    expect(first.claims).toBeGreaterThan(10);
    const { body } = await api.gql(
      '{ revisions { totalCount nodes { id source documentCount claimsAdded claimsChanged claimsDeprecated claimsRemoved entitiesChanged createdAt documents { nodes { title } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.revisions.totalCount).toBe(1);
    const [revision] = body.data!.revisions.nodes;
    expect(revision).toMatchObject({
      id: String(first.revision!.id),
      source: 'INGEST',
      documentCount: 1,
      claimsAdded: first.claims,
      claimsChanged: 0,
      claimsDeprecated: 0,
      claimsRemoved: 0,
      entitiesChanged: first.entitiesWritten,
      documents: { nodes: [{ title: 'Steppe Bulletin' }] },
    });
    expect(Date.parse(revision.createdAt)).not.toBeNaN();
    const everything = await changesSince('0');
    expect(everything.map((c) => c.slug)).toEqual([
      'kazakhstan-test',
      'steppe-memorandum',
      'steppe-memorandum--kazakhstan-test',
      'steppe-talks',
      'steppe-trade-2023',
      'turkiye-is-bankasi',
      'uzbekistan-test',
    ]);
  });

  it('re-ingesting the same data, or the same data reformatted, makes no revision', async () => {
    const before = await revisionCount();
    expect((await load(VALID)).revision).toBeNull();
    const reformatted = await load(`${VALID}\n# a curator's comment changes the file, not the data\n`);
    expect(reformatted.documentsLoaded).toEqual(['steppe-bulletin-2024-05-12']);
    expect(reformatted.revision).toBeNull();
    expect(await revisionCount()).toBe(before);
  });
});

describe('Revisions: a load of a changed fixture', () => {
  beforeAll(async () => {
    second = await load(CHANGED);
  });

  it('records exactly one revision with the counts of what changed', async () => {
    expect(second.revision).toEqual({
      id: second.revision!.id,
      added: 1,
      changed: 1,
      deprecated: 2,
      removed: 3,
    });
    expect(second.revision!.id).toBeGreaterThan(first.revision!.id);
    const { body } = await api.gql(
      '{ revisions(first: 1) { totalCount nodes { id claimsAdded claimsChanged claimsDeprecated claimsRemoved entitiesChanged } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.revisions).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: String(second.revision!.id),
          claimsAdded: 1,
          claimsChanged: 1,
          claimsDeprecated: 2,
          claimsRemoved: 3,
          entitiesChanged: 5,
        },
      ],
    });
  });

  it('changes(since: the first revision) returns exactly the changed entities, the removed one marked', async () => {
    const changes = await changesSince(String(first.revision!.id));
    expect(changes).toEqual(
      [
        { slug: 'kazakhstan-test', type: 'Country', removed: false },
        { slug: 'steppe-talks', type: 'Event', removed: false },
        { slug: 'steppe-trade-2023', type: 'Figure', removed: false },
        { slug: null, type: 'Organization', removed: true },
        { slug: 'uzbekistan-test', type: 'Country', removed: false },
      ].map((c) => expect.objectContaining({ ...c, revision: String(second.revision!.id) })),
    );
    // the removed entity is named by its global id, which a client can drop from its copy
    const { body } = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: changes[3]!.id });
    expect(body.data!.node).toBeNull();
    expect(await changesSince(String(second.revision!.id))).toEqual([]);
  });

  it('each claim tells the revision it first appeared in and the one that last changed it', async () => {
    const { body } = await api.gql(`{
      uz: country(name: "Oʻzbekiston") { claims(fields: [NAME]) { value firstRevision { id } lastChangedRevision { id } } }
      kz: country(name: "Kazakhstan") { claims(fields: [NAME, ALIASES]) { value firstRevision { id } lastChangedRevision { id } } }
    }`);
    expect(body.errors).toBeUndefined();
    const r1 = String(first.revision!.id);
    const r2 = String(second.revision!.id);
    const rev = (first: string, last: string) => ({
      firstRevision: { id: first },
      lastChangedRevision: { id: last },
    });
    expect(body.data!.uz.claims).toEqual([{ value: 'Oʻzbekiston', ...rev(r1, r2) }]);
    expect(body.data!.kz.claims).toEqual(
      expect.arrayContaining([
        { value: 'Kazakhstan', ...rev(r1, r1) },
        { value: 'Republic of Kazakhstan', ...rev(r2, r2) },
      ]),
    );
    expect(body.data!.kz.claims).toHaveLength(2);
  });

  it('loading the changed fixture again makes no revision', async () => {
    const before = await revisionCount();
    expect((await load(CHANGED)).revision).toBeNull();
    expect(await revisionCount()).toBe(before);
  });
});

describe('Revisions: bad input', () => {
  it.each(['-1', 'abc', '1.5', '', '01'])('refuses since %j naming the argument', async (since) => {
    const { body } = await api.gql('query($since: ID!) { changes(since: $since) { totalCount } }', { since });
    expectBadUserInput(body, 'since', /not a revision id/);
  });
});
