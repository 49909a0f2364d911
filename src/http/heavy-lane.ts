/**
 * The heavy lane: operations whose estimated cost (src/http/limits.ts) reaches `heavyCost` run at most
 * `maxHeavy` at once; the others wait for a turn, first come first served, within admission's queue limit
 * and longest wait, and are answered 503 past them. Cheaper operations never wait here.
 *
 * Admission (./admission.ts) bounds how many requests run, before their bodies are read; it cannot tell a
 * lookup from a query that nests three pages of twenty and answers hundreds of kilobytes. Eight of those
 * at once hold eight result trees in memory and share the CPU eight ways, so every one of them, and every
 * cheap request beside them, takes eight times as long. Here the cost is known: at most `maxHeavy` heavy
 * operations hold memory and CPU at once, the rest of the admitted requests keep their turn.
 */
import { GraphQLError } from 'graphql';
import { AdmissionGate } from './admission';
import { metrics } from './metrics';

export interface HeavyLaneSettings {
  /** The estimated cost from which an operation is heavy. */
  heavyCost: number;
  /** Heavy operations running at once. */
  maxHeavy: number;
  /** Heavy operations that may wait for a turn (admission's queue limit). */
  queueLimit: number;
  /** The longest a heavy operation waits (admission's longest wait). */
  maxWaitMs: number;
}

export const HEAVY_LANE_BUSY_MESSAGE =
  'The service is running as many expensive operations as it can at once; retry shortly, or ask for smaller pages.';

export class HeavyLane {
  private readonly gate: AdmissionGate;

  constructor(private readonly settings: HeavyLaneSettings) {
    this.gate = new AdmissionGate({
      maxConcurrent: settings.maxHeavy,
      queueLimit: settings.queueLimit,
      maxWaitMs: settings.maxWaitMs,
      shedHoldMs: 0,
    });
  }

  /**
   * Resolves when an operation of this cost may run, with the function that ends its turn (to call once
   * its answer is complete; more calls do nothing), or with undefined for a cheap operation; rejects with a
   * SERVICE_UNAVAILABLE error when its turn does not come.
   */
  async enter(cost: number): Promise<(() => void) | undefined> {
    if (cost < this.settings.heavyCost) return undefined;
    await new Promise<void>((grant, refuse) => {
      let settled = false;
      this.gate.enter(
        () => {
          settled = true;
          grant();
        },
        (reason) => {
          settled = true;
          refuse(
            new GraphQLError(HEAVY_LANE_BUSY_MESSAGE, {
              extensions: { code: 'SERVICE_UNAVAILABLE', reason, http: { status: 503 } },
            }),
          );
        },
      );
      if (!settled) metrics.heavyOperationsWaited.inc(); // neither let in nor refused at once: it waits
    });
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.gate.release();
    };
  }
}
