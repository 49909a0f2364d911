import { toGlobalId as id } from '../../src/provenance/ids';
import { collectPages } from '../support/paging';
import { expectBadUserInput, expectStatementsIndependentOfRows } from '../support/assertions';
import { useTestService } from '../support/service';

const api = useTestService();

const KAZAKHSTAN = id('Country', 'kazakhstan');
const SUMMIT = id('Event', 'central-asia-eu-summit-2025');

type Slugged = { slug: string };
const slugs = (nodes: Slugged[]) => nodes.map((n) => n.slug);

const PARTICIPANT = `participant { __typename ... on Country { slug name } ... on Organization { slug name } ... on Person { slug name } }`;

describe('Events: one event', () => {
  it('gives the Central Asia–EU summit in Samarkand with its dates, place, participants and outcomes', async () => {
    const { status, body } = await api.gql(
      `query($id: ID) { event(id: $id) {
        id slug name kind city
        start { text precision } end { text precision }
        country { slug name } partOf { slug }
        participants(first: 50) { totalCount nodes { slug role ${PARTICIPANT} event { slug } } }
        outcomes { totalCount nodes { slug name } }
        parts { totalCount nodes { slug partOf { slug } } }
      } }`,
      { id: SUMMIT },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const event = body.data!.event;
    expect(event).toMatchObject({
      id: SUMMIT,
      slug: 'central-asia-eu-summit-2025',
      name: 'Central Asia-European Union Summit',
      kind: 'SUMMIT',
      city: 'Samarkand',
      start: { text: '2025-04-03', precision: 'DAY' },
      end: { text: '2025-04-04', precision: 'DAY' },
      country: { slug: 'uzbekistan', name: 'Uzbekistan' },
      partOf: null,
    });

    const participants = event.participants.nodes as {
      role: string;
      participant: { __typename: string; slug: string; name: string };
      event: Slugged;
    }[];
    expect(event.participants.totalCount).toBe(9);
    // Hosts first (by name), then everyone else by name.
    expect(participants.map((p) => [p.role, p.participant.name])).toEqual([
      ['HOST', 'Shavkat Mirziyoyev'],
      ['HOST', 'Uzbekistan'],
      ['ATTENDEE', 'António Costa'],
      ['ATTENDEE', 'European Union'],
      ['ATTENDEE', 'Kazakhstan'],
      ['ATTENDEE', 'Kyrgyzstan'],
      ['ATTENDEE', 'Tajikistan'],
      ['ATTENDEE', 'Turkmenistan'],
      ['ATTENDEE', 'Ursula von der Leyen'],
    ]);
    expect(new Set(participants.map((p) => p.participant.__typename))).toEqual(
      new Set(['Country', 'Organization', 'Person']),
    );
    expect(participants.every((p) => p.event.slug === 'central-asia-eu-summit-2025')).toBe(true);

    expect(event.outcomes.totalCount).toBe(3);
    expect(event.outcomes.nodes).toContainEqual({
      slug: 'samarkand-declaration',
      name: 'Samarkand Declaration',
    });

    expect(event.parts.totalCount).toBe(5);
    expect(slugs(event.parts.nodes)).toContain('uzbekistan-kazakhstan-leaders-meeting-samarkand-2025');
    expect(
      (event.parts.nodes as { partOf: Slugged }[]).every(
        (p) => p.partOf.slug === 'central-asia-eu-summit-2025',
      ),
    ).toBe(true);
  });

  it.each(['EU-Central Asia summit', 'central asia-european union summit', 'EU–Central Asia Summit'])(
    'finds the summit by the name or alias %j',
    async (name) => {
      const { body } = await api.gql('query($name: String) { event(name: $name) { id slug } }', { name });
      expect(body.errors).toBeUndefined();
      expect(body.data!.event).toEqual({ id: SUMMIT, slug: 'central-asia-eu-summit-2025' });
    },
  );

  it('gives the Erdoğan–Putin meeting in Ashgabat an unknown date, as part of a regional summit', async () => {
    const { body } = await api.gql(`{ event(name: "Erdogan-Putin meeting in Ashgabat") {
      slug name kind city start { text precision year } end { text }
      country { name }
      partOf { slug name kind start { precision } parts { nodes { slug } } participants { nodes { role ${PARTICIPANT} } } }
      participants { totalCount nodes { role ${PARTICIPANT} } }
    } }`);
    expect(body.errors).toBeUndefined();
    const event = body.data!.event;
    expect(event).toMatchObject({
      slug: 'erdogan-putin-meeting-in-ashgabat',
      name: 'Erdoğan–Putin meeting in Ashgabat',
      kind: 'BILATERAL_MEETING',
      city: 'Ashgabat',
      start: { text: 'unknown', precision: 'UNKNOWN', year: null },
      end: null,
      country: { name: 'Turkmenistan' },
      partOf: {
        slug: 'ashgabat-regional-summit',
        name: 'Regional summit in Ashgabat',
        kind: 'SUMMIT',
        start: { precision: 'UNKNOWN' },
        parts: { nodes: [{ slug: 'erdogan-putin-meeting-in-ashgabat' }] },
      },
    });
    expect(event.partOf.participants.nodes[0]).toMatchObject({
      role: 'HOST',
      participant: { __typename: 'Country', slug: 'turkmenistan' },
    });
    expect(event.participants.totalCount).toBe(4);
    expect(
      (event.participants.nodes as { participant: { __typename: string; slug: string } }[])
        .map((p) => `${p.participant.__typename}:${p.participant.slug}`)
        .sort(),
    ).toEqual(['Country:russia', 'Country:turkiye', 'Person:recep-tayyip-erdogan', 'Person:vladimir-putin']);
  });

  it('gives each participation its role, rank, sources and claims', async () => {
    const { body } = await api.gql(`{ event(name: "Erdogan-Putin meeting in Ashgabat") {
      participants { nodes { slug role rank sources { quote document { id } } claims(fields: [ROLE]) { value } } }
    } }`);
    expect(body.errors).toBeUndefined();
    const putin = (
      body.data!.event.participants.nodes as {
        slug: string;
        role: string;
        rank: string;
        sources: { quote: string; document: { id: string } }[];
        claims: { value: string }[];
      }[]
    ).find((p) => p.slug === 'erdogan-putin-meeting-in-ashgabat--vladimir-putin')!;
    expect(putin).toMatchObject({ role: 'ATTENDEE', claims: [{ value: 'ATTENDEE' }] });
    expect(['PREFERRED', 'NORMAL']).toContain(putin.rank);
    expect(putin.sources.map((s) => s.quote)).toContain(
      'The high-profile meeting between Turkish President Recep Tayyip Erdoğan and Russian President Vladimir Putin took place in Ashgabat, Turkmenistan',
    );
    expect(putin.sources[0]!.document.id).toBe(id('Document', 'erdogan-putin-ashgabat-meeting'));
  });

  it('answers null for an unknown name and for an id of another type', async () => {
    const { body } = await api.gql(
      `query($id: ID) { byName: event(name: "The Congress of Vienna") { slug } byId: event(id: $id) { slug } }`,
      { id: KAZAKHSTAN },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ byName: null, byId: null });
  });

  it('is reachable as a node and a federation entity by its id', async () => {
    const { body } = await api.gql(
      'query($id: ID!) { node(id: $id) { __typename ... on Event { slug } } _entities(representations: [{ __typename: "Event", id: $id }]) { ... on Event { name } } }',
      { id: SUMMIT },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      node: { __typename: 'Event', slug: 'central-asia-eu-summit-2025' },
      _entities: [{ name: 'Central Asia-European Union Summit' }],
    });
  });
});

describe('Events: the list', () => {
  const ALL = '{ events(first: 100) { totalCount nodes { slug name start { text } end { text } } } }';

  it('sorts by start date by default, unknown and missing dates last', async () => {
    const { body } = await api.gql(ALL);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.events.nodes as { start: { text: string } | null }[];
    expect(nodes.length).toBe(body.data!.events.totalCount);
    const keys = nodes.map((n) => (n.start && n.start.text !== 'unknown' ? n.start.text : '~'));
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]).toBe('1991-12-16');
    expect(keys[keys.length - 1]).toBe('~');
  });

  it('keeps unknown dates last when sorting by start date descending', async () => {
    const { body } = await api.gql(
      '{ events(first: 100, orderBy: { field: START, direction: DESC }) { nodes { slug start { text } } } }',
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.events.nodes as (Slugged & { start: { text: string } | null })[];
    expect(nodes[0]!.slug).toBe('central-asia-eu-summit-2025');
    const known = nodes.map((n) => n.start !== null && n.start.text !== 'unknown');
    expect(known.indexOf(false)).toBe(known.lastIndexOf(true) + 1);
  });

  it('sorts by name when asked', async () => {
    const { body } = await api.gql('{ events(first: 100, orderBy: { field: NAME }) { nodes { name } } }');
    const names = (body.data!.events.nodes as { name: string }[]).map((n) => n.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it("lists Kazakhstan's events between 2022 and March 2025, partial dates overlapping the range", async () => {
    const { body } = await api.gql(
      'query($p: ID) { events(filter: { participant: $p, from: "2022", to: "2025-03" }) { totalCount nodes { slug start { text } } } }',
      { p: KAZAKHSTAN },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.events.totalCount).toBe(5);
    expect(slugs(body.data!.events.nodes)).toEqual([
      'middle-corridor-ministerial-meeting-2022-baku', // "2022"
      'csto-mission-in-kazakhstan-2022', // "2022-01"
      'kazakhstan-alat-terminal-financing-announcement-2024',
      'azerbaijan-kazakhstan-georgia-trilateral-meetings-2025', // "2025-03"
      'rubio-nurtleu-call-2025-03-12',
    ]);
  });

  it('matches an event of several days by its end as well as its start', async () => {
    const q =
      'query($from: String, $to: String) { events(filter: { from: $from, to: $to }) { nodes { slug } } }';
    const onSecondDay = await api.gql(q, { from: '2025-04-04', to: '2025-04-10' });
    expect(slugs(onSecondDay.body.data!.events.nodes)).toEqual(['central-asia-eu-summit-2025']);
    const afterIt = await api.gql(q, { from: '2025-04-05' });
    expect(slugs(afterIt.body.data!.events.nodes)).toEqual([]);
    const month = await api.gql(q, { from: '2025-04', to: '2025-04' });
    expect(slugs(month.body.data!.events.nodes)).toEqual(['central-asia-eu-summit-2025']);
  });

  it('never matches an unknown or missing date with a range', async () => {
    const all = await api.gql(ALL);
    const dated = (all.body.data!.events.nodes as (Slugged & { start: { text: string } | null })[]).filter(
      (n) => n.start !== null && n.start.text !== 'unknown',
    );
    const { body } = await api.gql(
      '{ events(first: 100, filter: { from: "1000", to: "2999" }) { totalCount nodes { slug } } }',
    );
    expect(body.data!.events.totalCount).toBe(dated.length);
    expect(slugs(body.data!.events.nodes)).not.toContain('erdogan-putin-meeting-in-ashgabat');
    expect(slugs(body.data!.events.nodes)).toEqual(slugs(dated));
  });

  it('filters by kind, country and city', async () => {
    const { body } = await api.gql(
      `query($tm: ID) {
        summits: events(first: 100, filter: { kinds: [SUMMIT] }) { nodes { kind } }
        inTurkmenistan: events(filter: { country: $tm }) { nodes { slug } }
        inSamarkand: events(filter: { city: "Samarkand", kinds: [SUMMIT, FORUM] }) { nodes { slug } }
      }`,
      { tm: id('Country', 'turkmenistan') },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.summits.nodes.length).toBeGreaterThan(2);
    expect((body.data!.summits.nodes as { kind: string }[]).every((n) => n.kind === 'SUMMIT')).toBe(true);
    expect(slugs(body.data!.inTurkmenistan.nodes).sort()).toEqual([
      'ashgabat-regional-summit',
      'erdogan-putin-meeting-in-ashgabat',
    ]);
    expect(slugs(body.data!.inSamarkand.nodes)).toEqual([
      'central-asia-eu-summit-2025',
      'samarkand-climate-forum',
    ]);
  });

  it('filters by a person taking part', async () => {
    const { body } = await api.gql(
      'query($p: ID) { events(filter: { participant: $p }) { nodes { slug } } }',
      {
        p: id('Person', 'vladimir-putin'),
      },
    );
    expect(slugs(body.data!.events.nodes).sort()).toEqual([
      'ashgabat-regional-summit',
      'erdogan-putin-meeting-in-ashgabat',
    ]);
  });

  it('pages through every event with no duplicate and no gap, forwards and backwards', async () => {
    const all = await api.gql(ALL);
    const expected = slugs(all.body.data!.events.nodes);
    const seen = await collectPages(
      api,
      'query($after: String) { events(first: 7, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug } } }',
      'events',
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);

    const back = await collectPages(
      api,
      'query($before: String) { events(last: 7, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { slug } } }',
      'events',
      { direction: 'backward' },
    );
    expect(back).toEqual(expected);
  });

  it("pages through an event's participants", async () => {
    const q = `query($id: ID, $after: String) { event(id: $id) { participants(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug } } } }`;
    const first = await api.gql(q, { id: SUMMIT });
    const p1 = first.body.data!.event.participants;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql(q, { id: SUMMIT, after: p1.pageInfo.endCursor });
    const third = await api.gql(q, {
      id: SUMMIT,
      after: second.body.data!.event.participants.pageInfo.endCursor,
    });
    const all = [p1, second.body.data!.event.participants, third.body.data!.event.participants].flatMap(
      (c: { nodes: Slugged[] }) => slugs(c.nodes),
    );
    expect(all.length).toBe(9);
    expect(new Set(all).size).toBe(9);
    expect(third.body.data!.event.participants.pageInfo.hasNextPage).toBe(false);
  });

  it('loads the participants of every event on a page in a fixed number of statements', async () => {
    await expectStatementsIndependentOfRows(
      api,
      (first) =>
        `{ events(first: ${first}) { nodes { slug participants { totalCount nodes { role ${PARTICIPANT} } } } } }`,
      8,
    );
  });
});

describe('Events: of a country, an organization and a person', () => {
  it("gives Kazakhstan's participations by the event's start date, unknown last", async () => {
    const { body } = await api.gql(
      '{ country(iso2: "KZ") { events(first: 100) { totalCount nodes { role event { slug start { text } } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.country.events.nodes as {
      role: string;
      event: Slugged & { start: { text: string } | null };
    }[];
    expect(nodes.length).toBe(body.data!.country.events.totalCount);
    expect(nodes[0]).toEqual({
      role: 'ORGANIZER',
      event: { slug: 'kazakhstan-declaration-of-independence', start: { text: '1991-12-16' } },
    });
    expect(nodes).toContainEqual({
      role: 'ATTENDEE',
      event: { slug: 'central-asia-eu-summit-2025', start: { text: '2025-04-03' } },
    });
    const keys = nodes.map((n) =>
      n.event.start && n.event.start.text !== 'unknown' ? n.event.start.text : '~',
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('gives the events of the European Union and of Recep Tayyip Erdoğan', async () => {
    const { body } = await api.gql(`{
      organization(name: "European Union") { events { nodes { event { slug } } } }
      person(name: "Erdoğan") { events { totalCount nodes { role event { slug } participant { ... on Person { slug } } } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.organization.events.nodes.map((n: { event: Slugged }) => n.event.slug)).toContain(
      'central-asia-eu-summit-2025',
    );
    expect(body.data!.person.events).toEqual({
      totalCount: 2,
      nodes: [
        {
          role: 'ATTENDEE',
          event: { slug: 'ashgabat-regional-summit' },
          participant: { slug: 'recep-tayyip-erdogan' },
        },
        {
          role: 'ATTENDEE',
          event: { slug: 'erdogan-putin-meeting-in-ashgabat' },
          participant: { slug: 'recep-tayyip-erdogan' },
        },
      ],
    });
  });
});

describe('Events: bad arguments', () => {
  it('refuses first: 500', async () => {
    const { body } = await api.gql('{ events(first: 500) { totalCount } }');
    expectBadUserInput(body, 'first');
    expect(body.errors![0]!.message).toBe('Invalid argument "first": 500 is out of range: expected 1 to 100');
  });

  it('refuses first: 500 on a nested list', async () => {
    const { body } = await api.gql(
      'query($id: ID) { event(id: $id) { participants(first: 500) { totalCount } } }',
      { id: SUMMIT },
    );
    expectBadUserInput(body, 'first');
  });

  it('refuses an impossible date', async () => {
    const { body } = await api.gql('{ events(filter: { from: "2025-02-30" }) { totalCount } }');
    expectBadUserInput(body, 'filter.from');
    expect(body.errors![0]!.message).toMatch(/2025-02 has 28 days/);
  });

  it.each(['April 2025', 'unknown', '2025-13'])('refuses %j as a date', async (to) => {
    const { body } = await api.gql('query($to: String) { events(filter: { to: $to }) { totalCount } }', {
      to,
    });
    expectBadUserInput(body, 'filter.to');
  });

  it('refuses a range that ends before it starts, but accepts a year that contains its start month', async () => {
    const bad = await api.gql('{ events(filter: { from: "2025-04", to: "2024" }) { totalCount } }');
    expectBadUserInput(bad.body, 'filter.to');
    const good = await api.gql('{ events(filter: { from: "2025-04", to: "2025" }) { nodes { slug } } }');
    expect(good.body.errors).toBeUndefined();
    expect(slugs(good.body.data!.events.nodes)).toEqual(['central-asia-eu-summit-2025']);
  });

  it('refuses two lookup keys, naming them', async () => {
    const { body } = await api.gql('query($id: ID) { event(id: $id, name: "Samarkand summit") { slug } }', {
      id: SUMMIT,
    });
    expectBadUserInput(body, 'name');
    expect(body.errors![0]!.message).toMatch(/exactly one of `id`, `name`; got `id` and `name`/);
  });

  it('refuses no lookup key', async () => {
    const { body } = await api.gql('{ event { slug } }');
    expectBadUserInput(body, 'id');
  });

  it('refuses the id of an event as a participant', async () => {
    const { body } = await api.gql('query($p: ID) { events(filter: { participant: $p }) { totalCount } }', {
      p: SUMMIT,
    });
    expectBadUserInput(body, 'filter.participant');
    expect(body.errors![0]!.message).toMatch(/not the id of a Country or Organization or Person/);
  });
});

describe('Events: the schema', () => {
  it('describes every type, field, argument, input field and enum value it adds', async () => {
    const { body } = await api.gql(`{ __schema { types {
      name kind description
      fields { name description args { name description } }
      inputFields { name description }
      enumValues { name description }
    } } }`);
    // Whole types this domain owns, and the fields it adds to types owned elsewhere.
    const mine: Record<string, string[] | '*'> = {
      Event: '*',
      EventConnection: '*',
      EventEdge: '*',
      EventParticipant: '*',
      EventParticipantConnection: '*',
      EventParticipantEdge: '*',
      Participant: '*',
      EventFilter: '*',
      EventOrder: '*',
      EventOrderField: '*',
      Query: ['event', 'events'],
      Country: ['events'],
      Organization: ['events'],
      Person: ['events'],
    };
    const missing: string[] = [];
    for (const type of (body.data!.__schema.types as any[]).filter((t) => t.name in mine)) {
      const own = mine[type.name]!;
      const wanted = (name: string) => own === '*' || own.includes(name);
      if (own === '*' && !type.description) missing.push(type.name);
      for (const f of (type.fields ?? []).filter((f: { name: string }) => wanted(f.name))) {
        if (!f.description) missing.push(`${type.name}.${f.name}`);
        for (const a of f.args) if (!a.description) missing.push(`${type.name}.${f.name}(${a.name})`);
      }
      for (const f of type.inputFields ?? []) if (!f.description) missing.push(`${type.name}.${f.name}`);
      for (const v of type.enumValues ?? []) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
    const fieldsOf = (name: string) =>
      (body.data!.__schema.types as any[])
        .find((t) => t.name === name)
        .fields.map((f: { name: string }) => f.name);
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['event', 'events']));
    for (const owner of ['Country', 'Organization', 'Person']) expect(fieldsOf(owner)).toContain('events');
  });
});
