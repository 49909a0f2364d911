/** What every resolver receives: the database door and this request's loaders. */
import type { Database } from '../db/database';
import { Loaders } from './loaders';

export interface Context {
  db: Database;
  loaders: Loaders;
  search: SearchSettings;
}

/** The bounds of a search's full-text sources. */
export interface SearchSettings {
  /** How long they may take before the search answers from names alone (SEARCH_TEXT_BUDGET_MS). */
  textBudgetMs: number;
  /** A word a source holds more often than this is left out of its match (SEARCH_COMMON_WORD_LIMIT). */
  commonWordLimit: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = { textBudgetMs: 1000, commonWordLimit: 10_000 };

export function createContext(db: Database, search: SearchSettings = DEFAULT_SEARCH_SETTINGS): Context {
  return { db, loaders: new Loaders(db), search };
}
