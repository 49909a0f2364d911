/**
 * Sort keys of nested lists that need another table's values: a membership is listed under its member by
 * the organization's name, under its organization by the member's name; a party under its party by the
 * agreement's signing date; a participation under its participant by the event's start. Each statement
 * rewrites the keys of every row in scope with one set-based UPDATE; a row is in scope when it, or an
 * entity it points to, was written.
 */
import type { QueryRunner } from 'typeorm';
import { UNKNOWN_LAST } from '../db/list-columns';
import type { DerivedDataRefresher, RefreshScope } from './derived-data';

/** Ids per statement: well below the placeholder limit, with three IN lists each. */
const CHUNK = 2000;

/** A never-null name of the entity a row points to, from the tables it may be in. */
const nameOf = (aliases: string[], fallback = "''") =>
  `COALESCE(${aliases.map((a) => `${a}.name`).join(', ')}, ${fallback})`;

interface SortKeyUpdate {
  table: string;
  joins: string;
  /** Each maintained column with the expression it holds. */
  keys: Record<string, string>;
  /** Columns whose values, when in scope, put a row in scope. */
  scopeColumns: string[];
}

const UPDATES: SortKeyUpdate[] = [
  {
    table: 'membership',
    joins:
      'LEFT JOIN organization o ON o.id = t.organization_id LEFT JOIN country mc ON mc.id = t.member_id LEFT JOIN organization mo ON mo.id = t.member_id',
    // by member: earliest first (undated last), then the organization's name; by organization: founding
    // members first, then by status, date and the member's name
    keys: {
      member_sort: `CONCAT(t.since_sort, '|', ${nameOf(['o'])})`,
      organization_sort: `CONCAT(COALESCE(NULLIF(FIELD(t.status, 'FOUNDING_MEMBER', 'MEMBER', 'CANDIDATE', 'OBSERVER', 'PARTNER', 'FORMER_MEMBER'), 0), 9), '|', t.since_sort, '|', ${nameOf(['mc', 'mo'])})`,
    },
    scopeColumns: ['id', 'member_id', 'organization_id'],
  },
  {
    table: 'agreement_party',
    joins:
      'LEFT JOIN agreement a ON a.id = t.agreement_id LEFT JOIN country pc ON pc.id = t.party_id LEFT JOIN organization po ON po.id = t.party_id',
    // by party: earliest signed first (undated last), then the title; by agreement: the party's name
    keys: {
      party_sort: `CONCAT(COALESCE(a.signed_sort, '${UNKNOWN_LAST}'), '|', ${nameOf(['a'])})`,
      agreement_sort: nameOf(['pc', 'po']),
    },
    scopeColumns: ['id', 'agreement_id', 'party_id'],
  },
  {
    table: 'event_participant',
    joins:
      'LEFT JOIN event e ON e.id = t.event_id LEFT JOIN country pc ON pc.id = t.participant_id LEFT JOIN organization po ON po.id = t.participant_id LEFT JOIN person pp ON pp.id = t.participant_id',
    // by participant: the event's start (unknown last); by event: hosts, then chairs, then by name
    keys: {
      participant_sort: `COALESCE(e.start_sort, '${UNKNOWN_LAST}')`,
      event_sort: `CONCAT(COALESCE(NULLIF(FIELD(t.role, 'HOST', 'CHAIR'), 0), 9), '|', ${nameOf(['pc', 'po', 'pp'], 't.participant_id')})`,
    },
    scopeColumns: ['id', 'event_id', 'participant_id'],
  },
  {
    table: 'project_participant',
    joins:
      'LEFT JOIN project p ON p.id = t.project_id LEFT JOIN country pc ON pc.id = t.participant_id LEFT JOIN organization po ON po.id = t.participant_id',
    // by participant: the project's name; by project: the participant's name
    keys: { participant_sort: nameOf(['p']), project_sort: nameOf(['pc', 'po']) },
    scopeColumns: ['id', 'project_id', 'participant_id'],
  },
];

export async function refreshListSortKeys(runner: QueryRunner, scope: RefreshScope): Promise<void> {
  for (const u of UPDATES) {
    const keys = Object.entries(u.keys);
    // rows whose keys are already right are not written: a repeated refresh changes nothing
    const changed = keys.map(([column, expr]) => `NOT (t.\`${column}\` <=> ${expr})`).join(' OR ');
    const sql = `UPDATE \`${u.table}\` t ${u.joins} SET ${keys.map(([column, expr]) => `t.\`${column}\` = ${expr}`).join(', ')} WHERE (${changed})`;
    if (scope === 'all') {
      await runner.query(sql);
      continue;
    }
    for (let i = 0; i < scope.length; i += CHUNK) {
      const chunk = scope.slice(i, i + CHUNK);
      // one UPDATE per scope column: each is an index range, where an OR of three would scan the table
      for (const column of u.scopeColumns) await runner.query(`${sql} AND t.\`${column}\` IN (?)`, [chunk]);
    }
  }
}

export const listSortKeys: DerivedDataRefresher = { name: 'list sort keys', refresh: refreshListSortKeys };
