/** What every resolver receives: the database door and this request's loaders. */
import type { Database } from '../db/database';
import { Loaders } from './loaders';

export interface Context {
  db: Database;
  loaders: Loaders;
}

export function createContext(db: Database): Context {
  return { db, loaders: new Loaders(db) };
}
