/**
 * As-of queries, answered from the seed documents:
 * - the Wikipedia article on Kazakhstan–Turkey relations (an article of the 2006 era) states Kazakhstan's
 *   "bid to join the World Trade Organization", undated; the Samarkand piece lists Kazakhstan in the CSTO,
 *   undated; the CDPA report makes Kazakhstan a founding member of the OTS, "officially established in
 *   2009". So as of 2006, Kazakhstan's memberships are the CSTO and its WTO candidacy; from 2009 the OTS too.
 * - The CDPA report: "The founding members of the OTS are Türkiye, Azerbaijan, Kazakhstan, and Kyrgyzstan,
 *   with Uzbekistan officially joining as a full member in 2019. Meanwhile, Turkmenistan, the Turkish
 *   Republic of Northern Cyprus (TRNC), and Hungary hold observer status." The observer statuses carry no
 *   date, so they are open and kept at any date.
 */
import { expectBadUserInput } from '../support/assertions';
import { collectPages } from '../support/paging';
import { useTestService } from '../support/service';

const api = useTestService();

type Membership = { slug: string; status: string; since: { text: string } | null };

async function kazakhstanMemberships(asOf: string | null): Promise<string[]> {
  const { body } = await api.gql(
    `query($asOf: String) { country(name: "Kazakhstan") {
      memberships(asOf: $asOf, first: 100) { nodes { organization { slug } } totalCount } } }`,
    { asOf },
  );
  expect(body.errors).toBeUndefined();
  const c = body.data!.country.memberships as {
    nodes: { organization: { slug: string } }[];
    totalCount: number;
  };
  expect(c.totalCount).toBe(c.nodes.length);
  return c.nodes.map((n) => n.organization.slug).sort();
}

async function otsMembers(asOf: string | null): Promise<Record<string, string>> {
  const { body } = await api.gql(
    `query($asOf: String) { organization(name: "OTS") {
      members(asOf: $asOf, first: 100) { nodes { status member { ... on Country { slug } } } totalCount } } }`,
    { asOf },
  );
  expect(body.errors).toBeUndefined();
  const c = body.data!.organization.members as {
    nodes: { status: string; member: { slug: string } }[];
    totalCount: number;
  };
  expect(c.totalCount).toBe(c.nodes.length);
  return Object.fromEntries(c.nodes.map((n) => [n.member.slug, n.status]));
}

const FOUNDING = {
  azerbaijan: 'FOUNDING_MEMBER',
  kazakhstan: 'FOUNDING_MEMBER',
  kyrgyzstan: 'FOUNDING_MEMBER',
  turkiye: 'FOUNDING_MEMBER',
};
const OBSERVERS = {
  hungary: 'OBSERVER',
  'turkish-republic-of-northern-cyprus': 'OBSERVER',
  turkmenistan: 'OBSERVER',
};

describe('As-of: Kazakhstan’s memberships', () => {
  it('as of 2006: the CSTO and the WTO candidacy, not yet the OTS (founded 2009)', async () => {
    expect(await kazakhstanMemberships('2006')).toEqual([
      'collective-security-treaty-organization',
      'world-trade-organization',
    ]);
  });

  it('as of 2009, or any day of it, the OTS too; without asOf, every membership', async () => {
    const all = [
      'collective-security-treaty-organization',
      'organization-of-turkic-states',
      'world-trade-organization',
    ];
    expect(await kazakhstanMemberships('2009')).toEqual(all);
    // "since 2009" may mean any day of 2009, so it overlaps 2009-01-01
    expect(await kazakhstanMemberships('2009-01-01')).toEqual(all);
    expect(await kazakhstanMemberships('2008-12-31')).toEqual(
      all.filter((s) => s !== 'organization-of-turkic-states'),
    );
    expect(await kazakhstanMemberships(null)).toEqual(all);
  });
});

describe('As-of: the OTS member states', () => {
  it('in 2019: the four founders and Uzbekistan (joined 2019), beside the undated observers', async () => {
    expect(await otsMembers('2019')).toEqual({ ...FOUNDING, uzbekistan: 'MEMBER', ...OBSERVERS });
  });

  it('in 2018: the four founders only; in 2008, before the founding, only the undated observers', async () => {
    expect(await otsMembers('2018')).toEqual({ ...FOUNDING, ...OBSERVERS });
    expect(await otsMembers('2008')).toEqual(OBSERVERS);
  });

  it('pages an as-of list by its cursors, and refuses a cursor of another date', async () => {
    const query = `query($after: String, $asOf: String) { organization(name: "OTS") {
      members(asOf: $asOf, first: 2, after: $after) {
        nodes { slug status since { text } } pageInfo { hasNextPage endCursor } } } }`;
    const walked = await collectPages<Membership>(api, query, 'organization.members', {
      variables: { asOf: '2019' },
      expectNoErrors: true,
      items: (c) => c.nodes as Membership[],
    });
    expect(walked.map((m) => m.slug).sort()).toEqual(
      [...Object.keys(FOUNDING), 'uzbekistan', ...Object.keys(OBSERVERS)]
        .map((s) => `${s}--organization-of-turkic-states`)
        .sort(),
    );
    const first = await api.gql(query, { asOf: '2019' });
    const cursor = first.body.data!.organization.members.pageInfo.endCursor as string;
    const other = await api.gql(query, { asOf: '2018', after: cursor });
    expectBadUserInput(other.body, 'after');
  });
});

describe('As-of: claims', () => {
  const aliases = async (asOf: string | null) => {
    const { body } = await api.gql(
      `query($asOf: String) { organization(name: "OTS") {
        claims(fields: [ALIASES], asOf: $asOf) { value validFrom { text } validTo { text } } } }`,
      { asOf },
    );
    expect(body.errors).toBeUndefined();
    return (body.data!.organization.claims as { value: string }[]).map((c) => c.value).sort();
  };
  const FORMER = ['Cooperation Council of Turkic-Speaking States', 'Turkic Council'];

  it('keeps the former names (valid 2009 to 2021) in 2019 and in 2021, drops them in 2022 and 2008', async () => {
    const all = await aliases(null);
    expect(all).toEqual(expect.arrayContaining(FORMER));
    const undated = all.filter((v) => !FORMER.includes(v));
    expect(undated.length).toBeGreaterThan(0);
    expect(await aliases('2019')).toEqual(all);
    expect(await aliases('2021-12')).toEqual(all);
    expect(await aliases('2022')).toEqual(undated);
    expect(await aliases('2008')).toEqual(undated);
  });
});

describe('As-of: participations, dated by their event', () => {
  // "The inaugural Central Asia-European Union Summit, held in Samarkand on April 3-4" (2025, inferred)
  const SUMMIT = 'central-asia-eu-summit-2025';
  const events = async (asOf: string) => {
    const { body } = await api.gql(
      `query($asOf: String) { country(name: "Kazakhstan") { events(asOf: $asOf, first: 100) { nodes { event { slug } } } }
        event(name: "Central Asia-European Union Summit") { participants(asOf: $asOf, first: 100) { totalCount } } }`,
      { asOf },
    );
    expect(body.errors).toBeUndefined();
    return {
      kazakhstan: (body.data!.country.events.nodes as { event: { slug: string } }[]).map((n) => n.event.slug),
      participants: body.data!.event.participants.totalCount as number,
    };
  };

  it('the summit is under way from its first day to its last, and not the day after', async () => {
    // the host, the EU, the five Central Asian states, and three leaders, all of them
    const { body } = await api.gql(
      '{ event(name: "Central Asia-European Union Summit") { participants { totalCount } } }',
    );
    const all = body.data!.event.participants.totalCount as number;
    expect(all).toBe(9);
    for (const day of ['2025-04-03', '2025-04-04', '2025-04', '2025']) {
      const at = await events(day);
      expect(at.kazakhstan).toContain(SUMMIT);
      expect(at.participants).toBe(all);
    }
    for (const day of ['2025-04-05', '2025-04-02', '2024']) {
      const at = await events(day);
      expect(at.kazakhstan).not.toContain(SUMMIT);
      expect(at.participants).toBe(0);
    }
  });
});

describe('As-of: bad dates', () => {
  it.each([
    ['2006-13', /month 13/],
    ['2023-02-29', /has 28 days/],
    ['unknown', /not a date/],
    ['06', /not a date/],
  ])('refuses asOf %j naming the argument', async (asOf, message) => {
    const { status, body } = await api.gql(
      'query($asOf: String) { country(name: "Kazakhstan") { memberships(asOf: $asOf) { totalCount } } }',
      { asOf },
    );
    expect(status).toBe(200);
    expectBadUserInput(body, 'asOf', message);
  });
});
