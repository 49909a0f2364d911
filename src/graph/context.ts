/** What every resolver receives: the database door and this request's loaders. */
import type { Database } from '../db/database';
import { Loaders } from './loaders';

export interface Context {
  db: Database;
  loaders: Loaders;
  /** How long a search's full-text sources may take before it answers from names alone (SEARCH_TEXT_BUDGET_MS). */
  searchTextBudgetMs: number;
}

export const DEFAULT_SEARCH_TEXT_BUDGET_MS = 1000;

export function createContext(db: Database, searchTextBudgetMs = DEFAULT_SEARCH_TEXT_BUDGET_MS): Context {
  return { db, loaders: new Loaders(db), searchTextBudgetMs };
}
