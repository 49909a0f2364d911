/**
 * Search, timeline and relations on 20,000 events (and their agreements, names, quotes, memberships):
 * every statement reads a number of rows that follows its page, not the tables. The same checks run on
 * 200,000 events in discovery-plans.test.ts; side by side, the two sizes show the bounds do not grow with
 * the data. Part of `npm run test:scale`, since building the graph alone takes most of a minute.
 */
import { describeDiscoveryPlans } from '../support/discovery-plans';

describeDiscoveryPlans(20_000, 300_000);
