/**
 * The synthetic graph: every entity type in realistic proportions around N events, with about ten claims
 * per entity, competing claims with ranks, partial dates of every precision, and each claim cited in a
 * synthetic document whose text is written from the quotes. Rows come out exactly as the curated ingest
 * writes them (ids, claim and citation ids, plain values derived from the claims by the same code, name
 * keys, positions), in batches, so a million events never sit in memory at once.
 */
import { createHash } from 'node:crypto';
import { deriveEntity } from '../ingest/derive';
import { citationRows, claimRow, TABLE_COLUMNS, type RowCell } from '../ingest/written-columns';
import { ENTITY_TYPES, ENUMS, type EntityTypeName } from '../provenance/entity-types';
import { nameKey } from '../provenance/name-key';
import { DocumentBuilder, type ClaimSpec, type Subject } from './document-builder';
import { Random, familyCode } from './random';
import { SYNTHETIC_ID_PREFIX } from './reserved';
import {
  REGIONS,
  TOPICS,
  capitalise,
  cityName,
  countryWord,
  personName,
  phrase,
  prose,
  word,
} from './vocabulary';

export interface SyntheticOptions {
  /** How many events; every other family is sized from it. */
  events: number;
  seed: number;
}

export interface SyntheticSizes {
  countries: number;
  organizations: number;
  people: number;
  projects: number;
  agreements: number;
  events: number;
  figures: number;
}

export function syntheticSizes(events: number): SyntheticSizes {
  return {
    countries: 200,
    organizations: Math.max(20, Math.round(events / 100)),
    people: Math.max(20, Math.round(events / 20)),
    projects: Math.max(10, Math.round(events / 100)),
    agreements: Math.max(20, Math.round(events / 10)),
    events,
    figures: Math.max(20, Math.round(events / 20)),
  };
}

export type Cell = RowCell;
/** Rows by table name, each row in TABLE_COLUMNS order. */
export type Batch = Map<string, Cell[][]>;

const FAMILIES = {
  country: 'Country',
  organization: 'Organization',
  person: 'Person',
  project: 'Project',
  agreement: 'Agreement',
  event: 'Event',
  figure: 'Figure',
} as const satisfies Record<string, EntityTypeName>;
type Family = keyof typeof FAMILIES;

const idOf = (family: Family, index: number) => `${SYNTHETIC_ID_PREFIX}${family}-${index}`;

/** The type of a synthetic entity, read from its id (relationship ids are never referenced). */
function typeOfId(id: string): EntityTypeName | undefined {
  const match = /^synthetic--([a-z]+)-\d+$/.exec(id);
  return match ? FAMILIES[match[1] as Family] : undefined;
}

/** How many entities of a family each document covers: a document of realistic length (5 to 15 kB). */
const PER_DOCUMENT: Record<Family, number> = {
  country: 4,
  organization: 6,
  person: 25,
  project: 12,
  agreement: 10,
  event: 8,
  figure: 25,
};

/** Numbers as toLocaleString('en-US') writes them (1,234,000), with one formatter instead of one per call. */
const GROUPED = new Intl.NumberFormat('en-US');

const YEAR_MIN = 1991;
const YEAR_MAX = 2025;

/** A partial date of a random precision (sometimes unknown), between two years. */
function partialDate(random: Random, from = YEAR_MIN, to = YEAR_MAX, unknown = 0.03): string {
  if (random.chance(unknown)) return 'unknown';
  const year = random.int(from, to);
  const r = random.next();
  if (r < 0.3) return String(year);
  const month = random.int(1, 12);
  const mm = String(month).padStart(2, '0');
  if (r < 0.55) return `${year}-${mm}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${mm}-${String(random.int(1, days)).padStart(2, '0')}`;
}

/** A later day-precision date within a week, for events of several days. */
function daysLater(date: string, random: Random): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + random.int(1, 6));
  return d.toISOString().slice(0, 10);
}

/** Whether a partial date can be the start of a range that ends at `until` (compared as text, like the API). */
const before = (a: string, b: string) => a !== 'unknown' && b !== 'unknown' && a < b;

const USER_ASSIGNED_ISO2 = [
  'AA',
  'QM',
  'QN',
  'QO',
  'QP',
  'QQ',
  'QR',
  'QS',
  'QT',
  'QU',
  'QV',
  'QW',
  'QX',
  'QY',
  'QZ',
  'XA',
  'XB',
  'XC',
  'XD',
  'XE',
  'XF',
  'XG',
  'XH',
  'XI',
  'XJ',
  'XL',
  'XM',
  'XN',
  'XO',
  'XP',
  'XQ',
  'XR',
  'XS',
  'XT',
  'XU',
  'XV',
  'XW',
  'XX',
  'XY',
  'XZ',
  'ZZ',
];

interface CountryInfo {
  name: string;
  capital: string;
}

interface OrganizationInfo {
  name: string;
  acronym: string;
  city: string;
}

/** Generates the graph in batches of about `batchRows` rows. */
export function* generateSyntheticGraph(options: SyntheticOptions, batchRows = 40_000): Generator<Batch> {
  const sizes = syntheticSizes(options.events);
  const stream = (family: Family, index: number, salt = 0) =>
    new Random(options.seed, familyCode(family), index, salt);

  // Countries and organizations are named up front: they are few, and every family mentions them.
  const countries: CountryInfo[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < sizes.countries; i++) {
    const random = stream('country', i, 1);
    let name = countryWord(i, random);
    while (taken.has(nameKey(name))) name += random.pick(['a', 'ia', 'o']);
    taken.add(nameKey(name));
    countries.push({ name, capital: cityName(random) });
  }
  const organizations: OrganizationInfo[] = [];
  for (let i = 0; i < sizes.organizations; i++) {
    const random = stream('organization', i, 1);
    const topic = capitalise(random.pick(TOPICS));
    const body = random.pick(['Council', 'Organization', 'Union', 'Agency', 'Bank', 'Forum', 'Fund']);
    const root = capitalise(word(i, 3));
    const name = `${root} ${topic} ${body}`;
    organizations.push({
      name,
      acronym: `${root.slice(0, 2).toUpperCase()}${topic[0]}${body[0]}${i}`,
      city: cityName(random),
    });
  }
  const eventName = (index: number) => {
    const random = stream('event', index, 1);
    const kind = random.pick(ENUMS.eventKind);
    return {
      kind,
      name: `${capitalise(word(index, 4))} ${capitalise(random.pick(TOPICS))} ${capitalise(phrase(kind))}`,
    };
  };
  const people = (index: number) => personName(index, stream('person', index, 1));
  const actorName = (id: string): string => {
    const [, family, n] = /^synthetic--([a-z]+)-(\d+)$/.exec(id)!;
    const index = Number(n);
    if (family === 'country') return countries[index]!.name;
    if (family === 'organization') return `the ${organizations[index]!.name}`;
    if (family === 'person') return people(index);
    if (family === 'project') return `the ${projectName(index)}`;
    return `the ${agreementName(index)}`;
  };
  const projectName = (index: number) => {
    const random = stream('project', index, 1);
    return `${capitalise(word(index, 3))} ${capitalise(phrase(random.pick(ENUMS.projectKind)))}`;
  };
  const agreementName = (index: number) => {
    const random = stream('agreement', index, 1);
    return `${capitalise(word(index, 3))} ${capitalise(phrase(random.pick(ENUMS.agreementKind)))} on ${capitalise(random.pick(TOPICS))}`;
  };
  const randomCountry = (random: Random) => idOf('country', random.int(0, sizes.countries - 1));
  const randomActor = (random: Random) =>
    random.chance(0.85)
      ? randomCountry(random)
      : idOf('organization', random.int(0, sizes.organizations - 1));

  let batch: Batch = new Map();
  let rows = 0;
  const add = (table: string, row: Cell[]) => {
    let list = batch.get(table);
    if (!list) batch.set(table, (list = []));
    list.push(row);
    rows += 1;
  };

  /** Writes one finished document and the rows of every entity it states claims about. */
  const emit = (doc: DocumentBuilder, family: Family, block: number, published: string) => {
    const { text, hash } = doc.finish();
    add('document', [
      doc.id,
      `Synthetic ${family} digest ${block + 1}`,
      'eurasia-graph synthetic data generator',
      null,
      null,
      published,
      null,
      'OTHER',
      'en',
      JSON.stringify([
        `SYNTHETIC: generated by npm run seed:synthetic (seed ${options.seed}) for scale tests and benchmarks; not a real source, and every fact in it is invented.`,
      ]),
      null,
      hash,
      text,
      createHash('sha256').update(`synthetic\u001f${options.seed}\u001f${doc.id}\u001f${hash}`).digest('hex'),
    ]);
    for (const [subject, { type, claims }] of doc.claims) {
      const derived = deriveEntity(subject, type, claims, typeOfId);
      if (derived.problems.length > 0)
        throw new Error(`synthetic ${type} ${subject} is inconsistent: ${derived.problems[0]!.message}`);
      add('entity', [subject, type]);
      add(
        ENTITY_TYPES[type].table,
        TABLE_COLUMNS[ENTITY_TYPES[type].table]!.map(
          (c) => derived.row[c] ?? (c === 'historical' ? 0 : null),
        ),
      );
      for (const n of derived.names)
        add('entity_name', [
          n.entity_id,
          n.entity_type,
          n.kind,
          n.name,
          n.name_key,
          n.valid_from,
          n.valid_to,
        ]);
      claims.forEach((c, k) => {
        add('claim', claimRow(c, k + 1));
        for (const row of citationRows(c)) add('citation', row);
      });
    }
  };

  const families: [Family, number, (doc: DocumentBuilder, index: number, random: Random) => void][] = [
    ['country', sizes.countries, country],
    ['organization', sizes.organizations, organization],
    ['person', sizes.people, person],
    ['project', sizes.projects, project],
    ['agreement', sizes.agreements, agreement],
    ['event', sizes.events, event],
    ['figure', sizes.figures, figure],
  ];
  for (const [family, count, write] of families) {
    const per = PER_DOCUMENT[family];
    for (let block = 0; block * per < count; block++) {
      const docRandom = stream(family, block, 2);
      const docId = `${SYNTHETIC_ID_PREFIX}document-${family}-${block}`;
      const doc = new DocumentBuilder(
        docId,
        `Synthetic ${family} digest ${block + 1}. Generated test data (seed ${options.seed}); not a real source.`,
        docRandom,
      );
      for (let i = block * per; i < Math.min(count, (block + 1) * per); i++) write(doc, i, stream(family, i));
      emit(doc, family, block, partialDate(docRandom, 2015, 2025, 0));
      if (rows >= batchRows) {
        yield batch;
        batch = new Map();
        rows = 0;
      }
    }
  }
  if (rows > 0) yield batch;

  function country(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('country', i), type: 'Country' };
    const { name, capital } = countries[i]!;
    const region = random.pick(REGIONS);
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'region', value: region },
      ],
      `${name} is a state in ${region}`,
    );
    const official = `${random.pick(['Republic', 'Kingdom', 'Federal Republic', 'State', 'Union'])} of ${name}`;
    doc.state(s, [{ field: 'officialName', value: official }], `officially the ${official}`);
    const alias = `${name.slice(0, -1)}y`;
    doc.state(
      s,
      [{ field: 'aliases', value: alias }],
      `${name}, also called ${alias}`,
      `${alias}, as ${name} is sometimes written`,
    );
    const iso3 = `X${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (i % 26))}`;
    const codes: ClaimSpec[] = [{ field: 'iso3', value: iso3 }];
    if (i < USER_ASSIGNED_ISO2.length) codes.unshift({ field: 'iso2', value: USER_ASSIGNED_ISO2[i]! });
    doc.state(s, codes, `its codes are ${codes.map((c) => c.value).join(' and ')}`);
    doc.state(
      s,
      [{ field: 'capital', value: capital }],
      `its capital is ${capital}`,
      `the capital, ${capital}`,
    );
    const recognition = random.chance(0.9) ? 'RECOGNIZED' : random.pick(ENUMS.recognition);
    doc.state(
      s,
      [{ field: 'recognition', value: recognition }],
      `${name} is ${phrase(recognition)} by most states`,
    );
    const independence = partialDate(random, 1900, 1995, 0.05);
    if (random.chance(0.2)) {
      // two sources disagree; the curator prefers one and says why
      const other = partialDate(random, 1900, 1995, 0);
      doc.state(
        s,
        [
          {
            field: 'independence',
            value: independence,
            rank: 'PREFERRED',
            note: 'Synthetic: the better attested date.',
          },
        ],
        `${name} became independent in ${independence}`,
      );
      if (other !== independence)
        doc.state(
          s,
          [{ field: 'independence', value: other, rank: random.pick(['NORMAL', 'DEPRECATED']) }],
          `some accounts date its independence to ${other}`,
        );
    } else {
      doc.state(
        s,
        [{ field: 'independence', value: independence }],
        `${name} became independent in ${independence}`,
      );
    }
    if (random.chance(0.05)) {
      const dissolved = partialDate(random, 1996, 2020, 0);
      doc.state(
        s,
        [
          { field: 'historical', value: 'true' },
          { field: 'dissolved', value: dissolved },
        ],
        `${name} ceased to exist in ${dissolved}`,
      );
    }
  }

  function organization(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('organization', i), type: 'Organization' };
    const { name, acronym, city } = organizations[i]!;
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'acronym', value: acronym },
      ],
      `the ${name} (${acronym})`,
    );
    const kind = random.pick(ENUMS.organizationKind);
    doc.state(s, [{ field: 'kind', value: kind }], `${acronym} is a ${phrase(kind)} body`);
    const founded = partialDate(random, 1950, 2020);
    doc.state(
      s,
      [{ field: 'founded', value: founded }],
      `${acronym} was founded in ${founded}`,
      `founded in ${founded}, ${acronym}`,
    );
    if (random.chance(0.15) && founded !== 'unknown') {
      const other = partialDate(random, 1950, 2020, 0);
      if (other !== founded)
        doc.state(
          s,
          [
            {
              field: 'founded',
              value: other,
              rank: 'DEPRECATED',
              note: 'Synthetic: a date the sources correct.',
            },
          ],
          `an older account gives ${other} as its founding date`,
        );
      doc.state(
        s,
        [{ field: 'founded', value: founded, rank: 'PREFERRED' }],
        `${acronym} itself gives ${founded}`,
      );
    }
    doc.state(s, [{ field: 'headquarters', value: city }], `${acronym} is headquartered in ${city}`);
    if (i > 0 && random.chance(0.1)) {
      const parent = random.int(0, i - 1);
      doc.state(
        s,
        [{ field: 'parent', value: idOf('organization', parent), isRef: true }],
        `${acronym} is part of the ${organizations[parent]!.name}`,
      );
    }
    if (random.chance(0.4)) {
      const former = `${capitalise(word(i, 3))} ${capitalise(random.pick(TOPICS))} Commission`;
      const until = partialDate(random, 1990, 2024, 0);
      doc.state(
        s,
        [{ field: 'aliases', value: former, validTo: until }],
        `known until ${until} as the ${former}`,
      );
    }
    const summary = prose(`The ${acronym}`, random);
    doc.state(s, [{ field: 'summary', value: summary }], summary);
    // a few large organizations and many small ones
    const size = i === 0 ? 150 : i < 10 ? random.int(20, 80) : random.int(2, 16);
    const members = random.distinct(size, sizes.countries + Math.min(sizes.organizations, 50));
    for (const m of members) {
      const member = m < sizes.countries ? idOf('country', m) : idOf('organization', m - sizes.countries);
      if (member === s.id) continue;
      membership(doc, member, s.id, acronym, random);
    }
  }

  function membership(
    doc: DocumentBuilder,
    member: string,
    org: string,
    acronym: string,
    random: Random,
  ): void {
    const s: Subject = { id: `${member}--${org}`, type: 'Membership' };
    const status = random.pick(ENUMS.membershipStatus);
    const since = partialDate(random, 1991, 2024);
    const claims: ClaimSpec[] = [
      { field: 'member', value: member, isRef: true },
      { field: 'organization', value: org, isRef: true },
      { field: 'status', value: status },
      { field: 'since', value: since },
    ];
    doc.state(
      s,
      claims,
      `${actorName(member)} became ${phrase(status)} of ${acronym} in ${since}`,
      `${acronym} counts ${actorName(member)} as ${phrase(status)}`,
    );
    if (status === 'FORMER_MEMBER') {
      const until = partialDate(random, 2000, 2025, 0);
      if (before(since, until))
        doc.state(s, [{ field: 'until', value: until }], `${actorName(member)} left ${acronym} in ${until}`);
    }
  }

  function person(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('person', i), type: 'Person' };
    const name = people(i);
    const nationality = randomCountry(random);
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'nationality', value: nationality, isRef: true },
      ],
      `${name}, a citizen of ${actorName(nationality)}`,
    );
    if (random.chance(0.3)) {
      const alias = name.replace(/ /, ' A. ');
      doc.state(s, [{ field: 'aliases', value: alias }], `${alias}, as the name is also written`);
    }
    const count = random.int(1, 2);
    for (let k = 0; k < count; k++) {
      const of = k === 0 ? nationality : randomActor(random);
      const title = random.pick([
        'President',
        'Prime Minister',
        'Foreign Minister',
        'Secretary General',
        'Ambassador',
        'Chairman',
        'Minister of Energy',
      ]);
      const since = partialDate(random, 1991, 2024);
      const p: Subject = { id: `${s.id}--position-${k + 1}`, type: 'Position' };
      const claims: ClaimSpec[] = [
        { field: 'person', value: s.id, isRef: true },
        { field: 'title', value: title },
        { field: 'of', value: of, isRef: true },
        { field: 'since', value: since },
      ];
      doc.state(p, claims, `${name} became ${title} of ${actorName(of)} in ${since}`);
      const until = partialDate(random, 1995, 2025, 0);
      if (random.chance(0.5) && before(since, until))
        doc.state(p, [{ field: 'until', value: until }], `${name} left the post in ${until}`);
    }
  }

  function project(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('project', i), type: 'Project' };
    const name = projectName(i);
    const kind = random.pick(ENUMS.projectKind);
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'kind', value: kind },
      ],
      `the ${name}, a ${phrase(kind)} project`,
    );
    const status = random.pick(ENUMS.projectStatus);
    doc.state(
      s,
      [{ field: 'status', value: status }],
      `the ${name} is ${phrase(status)}`,
      `work on the ${name}: ${phrase(status)}`,
    );
    if (random.chance(0.3)) {
      const alias = `${name.split(' ')[0]} Line`;
      doc.state(s, [{ field: 'aliases', value: alias }], `also known as the ${alias}`);
    }
    const summary = prose(`The ${name}`, random);
    doc.state(s, [{ field: 'summary', value: summary }], summary);
    for (let k = 0, n = random.int(2, 5), seen = new Set<string>(); k < n; k++) {
      const actor = randomActor(random);
      if (seen.has(actor)) continue;
      seen.add(actor);
      const role = random.pick(ENUMS.projectRole);
      const p: Subject = { id: `${s.id}--${actor}`, type: 'ProjectParticipant' };
      doc.state(
        p,
        [
          { field: 'project', value: s.id, isRef: true },
          { field: 'participant', value: actor, isRef: true },
          { field: 'role', value: role },
        ],
        `${actorName(actor)} joins the ${name} as ${phrase(role)}`,
      );
    }
  }

  function agreement(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('agreement', i), type: 'Agreement' };
    const name = agreementName(i);
    const kind = random.pick(ENUMS.agreementKind);
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'kind', value: kind },
      ],
      `the ${name}, a ${phrase(kind)}`,
    );
    const status = random.pick(ENUMS.agreementStatus);
    doc.state(s, [{ field: 'status', value: status }], `the ${name} is now ${phrase(status)}`);
    const signed = partialDate(random);
    const place = random.int(0, sizes.countries - 1);
    const city = countries[place]!.capital;
    doc.state(
      s,
      [
        { field: 'signed', value: signed },
        { field: 'place', value: city },
        { field: 'placeCountry', value: idOf('country', place), isRef: true },
      ],
      `signed in ${city} in ${signed}`,
      `the ${city} text of ${signed}`,
    );
    if (random.chance(0.1) && signed !== 'unknown') {
      const other = partialDate(random, YEAR_MIN, YEAR_MAX, 0);
      if (other !== signed)
        doc.state(
          s,
          [{ field: 'signed', value: other, rank: 'NORMAL' }],
          `one report dates the signature to ${other}`,
        );
      doc.state(
        s,
        [{ field: 'signed', value: signed, rank: 'PREFERRED' }],
        `the official record gives ${signed}`,
      );
    }
    if (random.chance(0.3)) {
      const ratified = partialDate(random, YEAR_MIN, YEAR_MAX, 0);
      doc.state(s, [{ field: 'ratified', value: ratified }], `ratified in ${ratified}`);
    }
    if (random.chance(0.3)) {
      const inForce = partialDate(random, YEAR_MIN, YEAR_MAX, 0);
      doc.state(s, [{ field: 'inForce', value: inForce }], `in force since ${inForce}`);
    }
    if (random.chance(0.2)) {
      const e = random.int(0, sizes.events - 1);
      doc.state(
        s,
        [{ field: 'event', value: idOf('event', e), isRef: true }],
        `adopted at the ${eventName(e).name}`,
      );
    }
    const summary = prose(`The ${name}`, random);
    doc.state(s, [{ field: 'summary', value: summary }], summary);
    for (let k = 0, n = random.int(2, 4), seen = new Set<string>(); k < n; k++) {
      const actor = randomActor(random);
      if (seen.has(actor)) continue;
      seen.add(actor);
      const role = random.pick(ENUMS.partyRole);
      const p: Subject = { id: `${s.id}--${actor}`, type: 'AgreementParty' };
      const claims: ClaimSpec[] = [
        { field: 'agreement', value: s.id, isRef: true },
        { field: 'party', value: actor, isRef: true },
        { field: 'role', value: role },
      ];
      if (random.chance(0.3) && signed !== 'unknown') claims.push({ field: 'date', value: signed });
      doc.state(p, claims, `${actorName(actor)} is ${phrase(role)} to the ${name}`);
    }
  }

  function event(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('event', i), type: 'Event' };
    const { name, kind } = eventName(i);
    const place = random.int(0, sizes.countries - 1);
    const city = random.chance(0.7) ? countries[place]!.capital : cityName(random);
    doc.state(
      s,
      [
        { field: 'name', value: name },
        { field: 'kind', value: kind },
        { field: 'city', value: city },
        { field: 'country', value: idOf('country', place), isRef: true },
      ],
      `the ${name} was held in ${city}, ${countries[place]!.name}`,
    );
    const start = partialDate(random, 1995, YEAR_MAX);
    doc.state(s, [{ field: 'start', value: start }], `it opened in ${start}`, `the ${name} (${start})`);
    if (random.chance(0.05) && start !== 'unknown') {
      const other = partialDate(random, 1995, YEAR_MAX, 0);
      if (other !== start)
        doc.state(
          s,
          [{ field: 'start', value: other, rank: 'DEPRECATED', note: 'Synthetic: a misdated report.' }],
          `an early report placed it in ${other}`,
        );
      doc.state(s, [{ field: 'start', value: start, rank: 'PREFERRED' }], `the organisers confirm ${start}`);
    }
    const end = random.chance(0.3) ? daysLater(start, random) : undefined;
    if (end) doc.state(s, [{ field: 'end', value: end }], `it closed on ${end}`);
    if (i > 0 && random.chance(0.05)) {
      const parent = random.int(Math.max(0, i - 50), i - 1);
      doc.state(
        s,
        [{ field: 'partOf', value: idOf('event', parent), isRef: true }],
        `on the sidelines of the ${eventName(parent).name}`,
      );
    }
    if (random.chance(0.1)) {
      const alias = `${name.split(' ')[0]} ${capitalise(random.pick(TOPICS))} Meeting`;
      doc.state(s, [{ field: 'aliases', value: alias }], `also reported as the ${alias}`);
    }
    const summary = prose(`The ${phrase(kind)}`, random);
    doc.state(s, [{ field: 'summary', value: summary }], summary);
    for (let k = 0, n = random.int(1, 3), seen = new Set<string>(); k < n; k++) {
      const actor = random.chance(0.85)
        ? randomActor(random)
        : idOf('person', random.int(0, sizes.people - 1));
      if (seen.has(actor)) continue;
      seen.add(actor);
      const role = random.pick(ENUMS.participantRole);
      const p: Subject = { id: `${s.id}--${actor}`, type: 'EventParticipant' };
      doc.state(
        p,
        [
          { field: 'event', value: s.id, isRef: true },
          { field: 'participant', value: actor, isRef: true },
          { field: 'role', value: role },
        ],
        `${actorName(actor)} took part as ${phrase(role)}`,
      );
    }
  }

  function figure(doc: DocumentBuilder, i: number, random: Random): void {
    const s: Subject = { id: idOf('figure', i), type: 'Figure' };
    const r = random.next();
    const subject =
      r < 0.6
        ? randomCountry(random)
        : r < 0.8
          ? idOf('organization', random.int(0, sizes.organizations - 1))
          : r < 0.9
            ? idOf('project', random.int(0, sizes.projects - 1))
            : idOf('agreement', random.int(0, sizes.agreements - 1));
    const metric = random.pick(ENUMS.metric);
    const value = random.int(1, 9999) * 10 ** random.int(0, 6);
    const unit = random.pick(['USD', 'EUR', 'percent', 'km', 'tonnes per year']);
    const period = partialDate(random, 2000, YEAR_MAX, 0).slice(0, 7);
    const qualifier = random.pick(ENUMS.qualifier);
    const asStated = `${qualifier === 'APPROXIMATE' ? 'about ' : ''}${GROUPED.format(value)} ${unit}`;
    const claims: ClaimSpec[] = [
      { field: 'subject', value: subject, isRef: true },
      { field: 'metric', value: metric },
      { field: 'value', value: String(value) },
      { field: 'unit', value: unit },
      { field: 'period', value: period },
      { field: 'qualifier', value: qualifier },
      { field: 'asStated', value: asStated },
    ];
    let pair = '';
    if (random.chance(0.3)) {
      const counterpart = randomCountry(random);
      if (counterpart !== subject) {
        claims.push({ field: 'counterpart', value: counterpart, isRef: true });
        pair = ` with ${actorName(counterpart)}`;
      }
    }
    doc.state(
      s,
      claims,
      `the ${phrase(metric)} of ${actorName(subject)}${pair} was ${asStated} in ${period}`,
    );
    const description = `${capitalise(phrase(metric))} of ${actorName(subject)}${pair}, ${phrase(qualifier)}`;
    doc.state(s, [{ field: 'description', value: description }], description);
  }
}
