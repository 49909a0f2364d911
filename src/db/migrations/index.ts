/** Every migration, in order. The schema is created by these only, never by `synchronize`. */
import { Initial1763900000000 } from './1763900000000-Initial';
import { Discovery1764600000000 } from './1764600000000-Discovery';

export const MIGRATIONS = [Initial1763900000000, Discovery1764600000000];
