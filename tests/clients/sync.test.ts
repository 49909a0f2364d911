/** The typed sync and as-of operations a front end would send, run against the seeded service. */
import { print } from 'graphql';
import {
  ChangesSinceDocument,
  type ChangesSinceQuery,
  LatestRevisionDocument,
  type LatestRevisionQuery,
  MembershipsAsOfDocument,
  type MembershipsAsOfQuery,
} from '../../clients/generated/graphql';
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

async function run<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await api.gql(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data as T;
}

describe('Typed client operations: syncing and as-of', () => {
  it('LatestRevision and ChangesSince: a copy taken from nothing gets every entity once, none removed', async () => {
    const latest = await run<LatestRevisionQuery>(print(LatestRevisionDocument));
    const [revision] = latest.revisions.nodes;
    expect(revision).toBeDefined();
    expect(Number(revision!.id)).toBeGreaterThan(0);
    expect(
      revision!.claimsAdded + revision!.claimsChanged + revision!.claimsDeprecated + revision!.claimsRemoved,
    ).toBeGreaterThan(0);
    const first = await run<ChangesSinceQuery>(print(ChangesSinceDocument), { since: '0' });
    type Change = ChangesSinceQuery['changes']['nodes'][number];
    const all = await collectPages<Change>(api, print(ChangesSinceDocument), 'changes', {
      variables: { since: '0' },
      expectNoErrors: true,
      items: (c) => c.nodes as Change[],
    });
    expect(all).toHaveLength(first.changes.totalCount);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.filter((c) => c.removed)).toEqual([]);
    expect(new Set(all.map((c) => c.type))).toEqual(
      new Set([
        'Country',
        'Organization',
        'Membership',
        'Agreement',
        'AgreementParty',
        'Event',
        'EventParticipant',
        'Person',
        'Position',
        'Project',
        'ProjectParticipant',
        'Figure',
      ]),
    );
  });

  it('MembershipsAsOf: Kazakhstan in 2006, by the documents: the CSTO and its WTO candidacy', async () => {
    const { country } = await run<MembershipsAsOfQuery>(print(MembershipsAsOfDocument), {
      name: 'Kazakhstan',
      asOf: '2006',
    });
    expect(country!.memberships.nodes.map((m) => [m.organization.name, m.status]).sort()).toEqual([
      ['Collective Security Treaty Organization', 'MEMBER'],
      ['World Trade Organization', 'CANDIDATE'],
    ]);
  });
});
