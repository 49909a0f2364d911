/** Every migration, in order. The schema is created by these only, never by `synchronize`. */
import { Initial1763900000000 } from './1763900000000-Initial';
import { ListKeys1764600000000 } from './1764600000000-ListKeys';
import { Discovery1764600001000 } from './1764600001000-Discovery';
import { DataVersion1764600002000 } from './1764600002000-DataVersion';
import { QuoteSelectors1764700000000 } from './1764700000000-QuoteSelectors';
import { Revisions1764700001000 } from './1764700001000-Revisions';
import { EventSpanClasses1764800000000 } from './1764800000000-EventSpanClasses';
import { TextTerms1764900000000 } from './1764900000000-TextTerms';

export const MIGRATIONS = [
  Initial1763900000000,
  ListKeys1764600000000,
  Discovery1764600001000,
  DataVersion1764600002000,
  QuoteSelectors1764700000000,
  Revisions1764700001000,
  EventSpanClasses1764800000000,
  TextTerms1764900000000,
];
