import { RelationsResolver } from './relations.resolver';
import { SearchResolver } from './search.resolver';
import { TimelineResolver } from './timeline.resolver';

/** Views across the whole graph: search, timeline and what connects two sides. */
export const DISCOVERY_RESOLVERS = [SearchResolver, TimelineResolver, RelationsResolver] as const;
