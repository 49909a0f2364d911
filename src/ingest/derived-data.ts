/**
 * Data the ingest derives from the stored rows for reading at scale: sort keys that span tables, the
 * timeline, and the like. Each refresher rebuilds its rows for a set of entities with set-based SQL, so
 * the curated ingest (a few entities) and the synthetic loader (everything at once) keep them the same way.
 */
import type { QueryRunner } from 'typeorm';
import { NAME_TOKEN_REFRESHER } from '../discovery/name-index';
import { TEXT_TERM_REFRESHER } from '../discovery/text-terms';
import { TIMELINE_REFRESHER } from '../discovery/timeline-index';
import { listSortKeys } from './list-sort-keys';

/** Which entities to refresh: the ids an ingest touched (and their neighbours' rows that mention them), or all. */
export type RefreshScope = readonly string[] | 'all';

export interface DerivedDataRefresher {
  /** Names the refresher in errors and logs ("timeline", "membership sort keys"). */
  name: string;
  /** The tables it writes: the ingest analyzes them after committing, so their statistics stay true. */
  tables?: readonly string[];
  /** Rebuilds this refresher's derived rows or columns for every row that involves an entity in scope. */
  refresh(runner: QueryRunner, scope: RefreshScope): Promise<void>;
  /**
   * For derived data kept by adding and taking back (counts across entities) rather than rebuilt per entity:
   * takes back what the entities' rows hold, before the ingest deletes or rewrites them; `refresh` of the
   * same entities adds what they hold afterwards.
   */
  retract?(runner: QueryRunner, ids: readonly string[]): Promise<void>;
}

/** Every refresher, run in this order inside the ingest's transaction. Add one line per derived structure. */
export const DERIVED_DATA_REFRESHERS: DerivedDataRefresher[] = [
  listSortKeys,
  TIMELINE_REFRESHER,
  NAME_TOKEN_REFRESHER,
  TEXT_TERM_REFRESHER,
];

export async function refreshDerivedData(runner: QueryRunner, scope: RefreshScope): Promise<void> {
  if (scope !== 'all' && scope.length === 0) return;
  for (const refresher of DERIVED_DATA_REFRESHERS) await refresher.refresh(runner, scope);
}

/** Before the ingest deletes or rewrites the rows of these entities: what refreshers keep by counting. */
export async function retractDerivedData(runner: QueryRunner, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const refresher of DERIVED_DATA_REFRESHERS) await refresher.retract?.(runner, ids);
}
