/**
 * Search, timeline and relations on 20,000 events (and their agreements, names, quotes, memberships):
 * every statement reads a number of rows that follows its page, not the tables. The same checks run on
 * 200,000 events in tests/scale/.
 */
import { describeDiscoveryPlans } from '../support/discovery-plans';

describeDiscoveryPlans(20_000, 300_000);
