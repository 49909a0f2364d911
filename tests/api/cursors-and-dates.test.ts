/**
 * Cursors are accepted only in the exact shape the service writes, for the list and ordering that wrote
 * them; date arguments are real dates (February 29th of the year 0000 included) and never empty. Each bad
 * value is a BAD_USER_INPUT naming the argument, never a silent first page or an internal error.
 */
import { expectBadUserInput } from '../support/assertions';
import { useTestService } from '../support/service';

const api = useTestService();

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const COUNTRIES = 'query($after: String) { countries(first: 2, after: $after) { nodes { slug } } }';
const MEMBERS =
  'query($after: String) { organization(name: "TDT") { members(first: 2, after: $after) { nodes { slug } } } }';

describe('Cursors: only the shape the service writes', () => {
  it.each([
    ['[null] (used to return the first page)', 'W251bGxd'],
    ['[null,[1,2]] (used to reach SQL)', cursor([null, [1, 2]])],
    ['[null,[]] (used to be an SQL syntax error)', cursor([null, []])],
    ['an empty string', ''],
    ['not base64url', 'a+b/c=='],
    ['not JSON', Buffer.from('countries').toString('base64url')],
    ['an object', cursor({ sort: 'a', id: 'b' })],
    ['a number for a name', cursor(['countries/name', 5, 'turkiye'])],
    ['an empty id', cursor(['countries/name', 'Türkiye', ''])],
    ['a part too many', cursor(['countries/name', 'Türkiye', 'turkiye', 1])],
    ['the former two-part shape', cursor(['Türkiye', 'turkiye'])],
  ])('refuses %s as `after`, at the root and nested', async (_what, value) => {
    // a well-formed cursor of the countries list is "of another list" for the members list
    expectBadUserInput(
      (await api.gql(COUNTRIES, { after: value })).body,
      'after',
      /not a cursor this API returned/,
    );
    expectBadUserInput(
      (await api.gql(MEMBERS, { after: value })).body,
      'after',
      /not a cursor this API returned|a cursor of another list/,
    );
  });

  it('refuses a bad `before` by name', async () => {
    const { body } = await api.gql('{ countries(last: 2, before: "W251bGxd") { nodes { slug } } }');
    expectBadUserInput(body, 'before', /not a cursor this API returned/);
  });

  it('refuses a cursor of another list, or of another ordering of the same list', async () => {
    const first = await api.gql('{ countries(first: 2) { pageInfo { endCursor } } }');
    const end = first.body.data!.countries.pageInfo.endCursor as string;
    const other = await api.gql(
      'query($after: String) { organizations(first: 2, after: $after) { nodes { slug } } }',
      {
        after: end,
      },
    );
    expectBadUserInput(other.body, 'after', /a cursor of another list or ordering/);
    const reordered = await api.gql(
      'query($after: String) { countries(first: 2, after: $after, orderBy: { field: INDEPENDENCE }) { nodes { slug } } }',
      { after: end },
    );
    expectBadUserInput(reordered.body, 'after', /a cursor of another list or ordering/);
    const descending = await api.gql(
      'query($after: String) { countries(first: 2, after: $after, orderBy: { field: NAME, direction: DESC }) { nodes { slug } } }',
      { after: end },
    );
    expectBadUserInput(descending.body, 'after', /a cursor of another list or ordering/);
  });

  it('accepts the cursors it wrote, at the root and nested', async () => {
    const root = await api.gql('{ countries(first: 2) { pageInfo { endCursor } } }');
    const next = await api.gql(COUNTRIES, { after: root.body.data!.countries.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.countries.nodes).toHaveLength(2);
    const nested = await api.gql(
      '{ organization(name: "TDT") { members(first: 2) { pageInfo { endCursor } nodes { slug } } } }',
    );
    const page2 = await api.gql(MEMBERS, {
      after: nested.body.data!.organization.members.pageInfo.endCursor,
    });
    expect(page2.body.errors).toBeUndefined();
    expect(page2.body.data!.organization.members.nodes).toHaveLength(2);
    expect(page2.body.data!.organization.members.nodes).not.toEqual(
      nested.body.data!.organization.members.nodes,
    );
  });
});

describe('Dates: real dates only, never empty', () => {
  it('takes February 29th of the year 0000 (a leap year) as a date', async () => {
    const { body } = await api.gql(
      '{ events(filter: { from: "0000-02-29", to: "0000-03" }) { totalCount } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.events.totalCount).toBe(0);
    const refused = await api.gql('{ events(filter: { from: "0001-02-29" }) { totalCount } }');
    expectBadUserInput(refused.body, 'filter.from', /0001-02 has 28 days/);
  });

  it.each([
    ['events', 'from', 'filter.from'],
    ['events', 'to', 'filter.to'],
    ['agreements', 'signedFrom', 'filter.signedFrom'],
    ['agreements', 'signedTo', 'filter.signedTo'],
    ['figures', 'periodFrom', 'filter.periodFrom'],
    ['figures', 'periodTo', 'filter.periodTo'],
  ])('refuses an empty %s %s (it used to mean no filter)', async (list, field, argument) => {
    const { body } = await api.gql(`{ ${list}(filter: { ${field}: "" }) { totalCount } }`);
    expectBadUserInput(body, argument, /"" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('refuses an empty timeline bound', async () => {
    const { body } = await api.gql('{ timeline(from: "") { totalCount } }');
    expectBadUserInput(body, 'from', /"" is not a date/);
  });
});
