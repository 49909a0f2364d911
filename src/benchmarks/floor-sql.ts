/**
 * B1, the database floor: a plain node:http + mysql2 server with one hand-written handler per reference
 * operation, running the statements the data needs, as few as a hand-written handler would, and answering
 * with JSON of the same content. What the service costs beyond it is the price of GraphQL and its layers.
 * Usage: DATABASE_URL=... node floor-sql.js <parameters.json>; it prints its port.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { nameTokens } from '../discovery/name-index';
import { MAX_SEARCH_WORDS, SEARCH_WINDOW } from '../discovery/search-limits';
import { commonTerms, PROSE_SOURCES, textTerms } from '../discovery/text-terms';
import { TIMELINE_COUNT_CAP } from '../discovery/timeline-index';
import { DEFAULT_SEARCH_SETTINGS } from '../graph/context';
import { Conditions, overlapsSpanRange } from '../graph/filters';
import { fromGlobalId } from '../provenance/ids';
import { nameKey } from '../provenance/name-key';
import { COUNTRY_PAGE, COUNTRY_PAGE_SIZE, type OperationParameters } from './operations';

type Row = Record<string, unknown>;
const p = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as OperationParameters;
const pool = mysql.createPool({
  uri: process.env.DATABASE_URL!,
  connectionLimit: 10,
  charset: 'UTF8MB4_UNICODE_CI',
});
const q = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
  (await pool.query(sql, params))[0] as Row[];
const slug = (globalId: string) => fromGlobalId(globalId)!.slug;

/** Claims with their citations and documents, for some subjects and fields: one statement. */
const SOURCES = `SELECT cl.subject_id, cl.field, cl.value, cl.rank, cl.valid_from, cl.valid_to, ci.quote, ci.span_start,
  ci.span_end, d.id AS document_id, d.title, d.kind FROM claim cl JOIN citation ci ON ci.claim_id = cl.id
  JOIN document d ON d.id = ci.document_id WHERE cl.subject_id IN (?)`;

const byName = (type: string, table: string) =>
  `SELECT t.* FROM entity_name n JOIN \`${table}\` t ON t.id = n.entity_id WHERE n.entity_type = '${type}' AND n.name_key = ? ORDER BY n.kind = 'NAME' DESC, n.entity_id LIMIT 1`;

let countryPageStart: Row | undefined;

const handlers: Record<string, () => Promise<unknown>> = {
  async 'country-claims'() {
    const [country] = await q(byName('Country', 'country'), [nameKey(p.countryName)]);
    if (!country) return { country: null };
    const claims = await q(`${SOURCES} ORDER BY cl.position, ci.position`, [[country.id]]);
    return { country: { id: country.id, name: country.name, claims } };
  },
  async 'organization-members'() {
    const [org] = await q(byName('Organization', 'organization'), [nameKey(p.organizationName)]);
    if (!org) return { organization: null };
    const members = await q(
      `SELECT m.id, m.status, m.since, m.member_id, m.member_type, COALESCE(c.name, o.name) AS member_name,
         (SELECT COUNT(*) FROM membership x WHERE x.organization_id = m.organization_id) AS total
         FROM membership m LEFT JOIN country c ON c.id = m.member_id LEFT JOIN organization o ON o.id = m.member_id
        WHERE m.organization_id = ? ORDER BY m.id LIMIT 20`,
      [org.id],
    );
    const sources = members.length
      ? await q(`${SOURCES} AND cl.field IN ('member', 'organization')`, [members.map((m) => m.id)])
      : [];
    return { organization: { id: org.id, name: org.name, members, sources } };
  },
  async search() {
    // names by their words (the word index), document titles, and prose and quotes by the words each holds
    // rarely enough to read (the counts the ingest keeps): one lookup, then one statement of limited parts
    const text = p.searchText;
    const words = [...new Set(textTerms(text))];
    const common = await commonTerms(
      (sql, params) => q(sql, params) as Promise<{ source: string; asked: string }[]>,
      words,
      DEFAULT_SEARCH_SETTINGS.commonWordLimit,
    );
    const rareIn = (source: string) => words.filter((w) => !common.get(source)?.has(w)).join(' ');
    const tokens = nameTokens(text).slice(0, MAX_SEARCH_WORDS);
    if (tokens.length === 0) throw new Error(`the search text ${JSON.stringify(text)} has no words`);
    const parts = [
      `(SELECT g.entity_id AS id, g.entity_type AS type, g.name_key AS name, COUNT(*) AS score FROM (${tokens
        .map(
          () =>
            `(SELECT w.entity_id, w.entity_type, w.name_key, w.name_tokens FROM name_token w WHERE w.token = ? ORDER BY w.name_tokens LIMIT ${SEARCH_WINDOW})`,
        )
        .join(' UNION ALL ')}) g
         GROUP BY g.entity_id, g.entity_type, g.name_key ORDER BY score DESC, MIN(g.name_tokens) LIMIT 20)`,
      `(SELECT d.id, 'Document', d.title, MATCH(d.title) AGAINST (?) AS score
          FROM document d WHERE MATCH(d.title) AGAINST (?) ORDER BY score DESC LIMIT 20)`,
    ];
    const params: unknown[] = [...tokens, text, text];
    for (const s of PROSE_SOURCES) {
      const rare = rareIn(s.table);
      if (!rare) continue;
      parts.push(
        `(SELECT t.id, '${s.type}', ${s.hasName ? 't.name' : 'NULL'}, MATCH(${s.columns.join(', ')}) AGAINST (?) AS score
            FROM \`${s.table}\` t WHERE MATCH(${s.columns.join(', ')}) AGAINST (?) ORDER BY score DESC LIMIT 20)`,
      );
      params.push(rare, rare);
    }
    const quotes = rareIn('citation');
    if (quotes) {
      parts.push(
        `(SELECT cl.subject_id, cl.subject_type, ci.quote, MATCH(ci.quote) AGAINST (?) AS score
            FROM citation ci JOIN claim cl ON cl.id = ci.claim_id WHERE MATCH(ci.quote) AGAINST (?) ORDER BY score DESC LIMIT 20)`,
      );
      params.push(quotes, quotes);
    }
    return { search: await q(`${parts.join(' UNION ALL ')} ORDER BY score DESC LIMIT 20`, params) };
  },
  async entities() {
    const ids = new Map<string, string[]>();
    for (const r of p.representations) {
      const { type, slug: id } = fromGlobalId(r.id)!;
      ids.set(type, [...(ids.get(type) ?? []), id]);
    }
    const parts = [...ids.keys()].map(
      (type) => `SELECT '${type}' AS type, id, name FROM \`${type.toLowerCase()}\` WHERE id IN (?)`,
    );
    return { _entities: await q(parts.join(' UNION ALL '), [...ids.values()]) };
  },
  async deep() {
    const countries = await q('SELECT id, name FROM country ORDER BY name, id LIMIT 20');
    if (!countries.length) return { countries: [] };
    const memberships = await q(
      `SELECT * FROM (SELECT m.member_id, m.status, m.organization_id, o.name,
         ROW_NUMBER() OVER (PARTITION BY m.member_id ORDER BY m.id) AS rn
         FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.member_id IN (?)) x WHERE rn <= 20`,
      [countries.map((c) => c.id)],
    );
    const orgs = [...new Set(memberships.map((m) => m.organization_id as string))];
    const members = orgs.length
      ? await q(
          `SELECT * FROM (SELECT m.organization_id, COALESCE(c.name, o.name) AS name,
             ROW_NUMBER() OVER (PARTITION BY m.organization_id ORDER BY m.id) AS rn
             FROM membership m LEFT JOIN country c ON c.id = m.member_id LEFT JOIN organization o ON o.id = m.member_id
            WHERE m.organization_id IN (?)) x WHERE rn <= 20`,
          [orgs],
        )
      : [];
    return { countries, memberships, members };
  },
  async timeline() {
    // the timelines the ingest keeps (timeline_entry): a page of each participant's, merged, with names
    const ids = p.timelineCountries.map(slug);
    if (ids.length === 0) return { timeline: [] };
    const page = `(SELECT entry_type, entry_id, date, sort_key FROM timeline_entry WHERE participant_id = ?
      ORDER BY sort_key, entry_id LIMIT 100)`;
    const items = await q(
      `SELECT u.entry_type AS type, u.entry_id AS id, MIN(u.date) AS date, COALESCE(e.name, a.name) AS name
         FROM (${ids.map(() => page).join(' UNION ALL ')}) u
         LEFT JOIN event e ON u.entry_type = 'Event' AND e.id = u.entry_id
         LEFT JOIN agreement a ON u.entry_type = 'Agreement' AND a.id = u.entry_id
        GROUP BY u.sort_key, u.entry_id, u.entry_type ORDER BY u.sort_key, u.entry_id LIMIT 100`,
      ids,
    );
    // counted up to the cap like the service, from the kept counts when one timeline passes it alone
    const [count] = await q(
      `SELECT CASE WHEN (SELECT MAX(entries) FROM timeline_count WHERE participant_id IN (?)) > ${TIMELINE_COUNT_CAP} THEN ${TIMELINE_COUNT_CAP + 1}
         ELSE (SELECT COUNT(DISTINCT entry_id) FROM (${ids.map(() => `(SELECT entry_id FROM timeline_entry WHERE participant_id = ? LIMIT ${TIMELINE_COUNT_CAP + 1})`).join(' UNION ALL ')}) x) END AS n`,
      [ids, ...ids],
    );
    return { timeline: items, totalCount: Math.min(Number(count!.n), TIMELINE_COUNT_CAP) };
  },
  async 'countries-page'() {
    const start = countryPageStart;
    const rows = start
      ? await q('SELECT id, name, iso2 FROM country WHERE (name, id) > (?, ?) ORDER BY name, id LIMIT ?', [
          start.name,
          start.id,
          COUNTRY_PAGE_SIZE + 1,
        ])
      : await q('SELECT id, name, iso2 FROM country ORDER BY name, id LIMIT ?', [COUNTRY_PAGE_SIZE + 1]);
    return { countries: rows.slice(0, COUNTRY_PAGE_SIZE), hasNextPage: rows.length > COUNTRY_PAGE_SIZE };
  },
  async 'events-range'() {
    // a partial date may mean any day it covers ("2019" overlaps March 2019); the events that reach
    // `from` read as one range of the start's index per span class, as the ingest stores them
    const c = new Conditions();
    const branches = overlapsSpanRange(c, p.eventsFrom, p.eventsTo, ['from', 'to'], 't.start_sort')!;
    const ranges = branches.map(
      (b) => `(SELECT t.id, t.name, t.start, t.\`end\`, t.start_sort FROM event t
        WHERE ${[...b.where, ...c.where].join(' AND ')} ORDER BY t.start_sort, t.id LIMIT 21)`,
    );
    const rows = await q(
      `SELECT u.id, u.name, u.start, u.\`end\` FROM (${ranges.join(' UNION ALL ')}) u ORDER BY u.start_sort, u.id LIMIT 21`,
      branches.flatMap((b) => [...b.params, ...c.params]),
    );
    return { events: rows.slice(0, 20), hasNextPage: rows.length > 20 };
  },
};

async function main(): Promise<void> {
  // the keyset position of page 50, found once, as a client holding the cursor would have it
  const countries = await q('SELECT COUNT(*) AS n FROM country');
  const offset =
    Math.min((COUNTRY_PAGE - 1) * COUNTRY_PAGE_SIZE, Math.max(0, Number(countries[0]!.n) - 1)) - 1;
  if (offset >= 0)
    [countryPageStart] = await q('SELECT id, name FROM country ORDER BY name, id LIMIT 1 OFFSET ?', [offset]);
  const server = http.createServer((req, res) => {
    const handler = handlers[(req.url ?? '').slice(1)];
    req.resume();
    req.on('end', () => {
      if (!handler) return void res.writeHead(404).end();
      handler().then(
        (data) => {
          const body = Buffer.from(JSON.stringify({ data }), 'utf8');
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': body.length,
          });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  process.stderr.write(`floor-sql failed: ${String(error)}\n`);
  process.exit(1);
});
