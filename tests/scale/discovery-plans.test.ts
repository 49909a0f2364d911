/**
 * The plan checks of discovery-plans-20k.test.ts on ten times the data: the same bounds must hold, so
 * the rows each statement reads do not grow with the tables.
 */
import { describeDiscoveryPlans } from '../support/discovery-plans';

describeDiscoveryPlans(200_000, 1_200_000);
