/** The plan checks of search, timeline and relations, run on a synthetic database of a given size. */
import { ENTITY_TYPE_NAMES } from '../../src/provenance/entity-types';
import { referenceOperations, startScaleDatabase, type ScaleDatabase } from './discovery-scale';

export function describeDiscoveryPlans(events: number, timeoutMs: number): void {
  describe(`Discovery plans on ${events.toLocaleString('en')} events`, () => {
    let scale: ScaleDatabase | undefined;
    beforeAll(async () => {
      scale = await startScaleDatabase(`discovery_plans_${events}`, events);
    }, timeoutMs);
    afterAll(() => scale?.close());

    it.each(referenceOperations().map((op) => [op.name, op] as const))(
      '%s: as many statements as ever, none scanning a large table in full or reading more rows than its page, window or cap',
      async (_name, op) => {
        const plans = await scale!.plans([op]);
        expect(plans.filter((p) => !p.loader).map((p) => p.sql)).toHaveLength(op.statements);
        expect(plans.filter((p) => p.loader).length).toBeLessThanOrEqual(ENTITY_TYPE_NAMES.length + 1);
        const bound = op.maxRowsRead(events);
        for (const plan of plans) {
          expect({ sql: plan.sql, fullScans: plan.fullScans }).toEqual({ sql: plan.sql, fullScans: [] });
          expect({ sql: plan.sql, rowsRead: plan.rowsRead, withinBound: plan.rowsRead <= bound }).toEqual({
            sql: plan.sql,
            rowsRead: plan.rowsRead,
            withinBound: true,
          });
        }
      },
      timeoutMs,
    );
  });
}
