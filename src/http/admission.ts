/**
 * Admission control for /graphql: at most `maxConcurrent` GraphQL requests run at once, at most `queueLimit`
 * more wait for a turn (first come, first served), and none waits longer than `maxWaitMs`. Every other
 * request is answered at once with 503 SERVICE_UNAVAILABLE and Retry-After, before its body is read or
 * parsed, so a flood costs little per refused request and the database pool is never the place where
 * requests pile up (a request that reaches the pool's own bounded queue has already paid for parsing,
 * validation and cost analysis, and failing it there wastes all of that).
 *
 * No library fits: semaphores (async-sema, p-limit) queue without bound and without a deadline,
 * express-queue has no deadline either, and load-based shedding (overload-protection, toobusy-js) reacts to
 * event-loop delay after the fact instead of bounding the work admitted.
 */
import type { RequestHandler } from 'express';
import { metrics } from './metrics';
import type { Admission } from '../config';
import { httpErrorBody } from './errors';

/** Why a request was refused: no room in the queue, or its turn did not come within the longest wait. */
export type ShedReason = 'queue full' | 'waited too long';

/** Seconds a refused client is asked to wait: the queue turns over well within that. */
export const RETRY_AFTER_SECONDS = 1;

export const OVERLOADED_MESSAGE = `The service is handling as many requests as it can; retry after ${RETRY_AFTER_SECONDS} s.`;

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

/** The counting part, apart from HTTP: slots in use, and the waiters in arrival order. */
export class AdmissionGate {
  private running = 0;
  // A Set keeps insertion order and removes any member in O(1): a waiter can leave from anywhere.
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly options: Admission) {}

  get inProgress(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.size;
  }

  /**
   * Calls `grant` when a slot is free (at once, or later in arrival order), or `shed` when the queue is full
   * or the wait runs out; never both. The returned function withdraws a request still waiting (its client
   * left) and does nothing otherwise. Whoever was granted a slot must `release` it exactly once.
   */
  enter(grant: () => void, shed: (reason: ShedReason) => void): () => void {
    if (this.running < this.options.maxConcurrent && this.waiting.size === 0) {
      this.running += 1;
      grant();
      return () => undefined;
    }
    if (this.waiting.size >= this.options.queueLimit) {
      shed('queue full');
      return () => undefined;
    }
    const waiter: Waiter = {
      grant,
      timer: setTimeout(() => {
        this.waiting.delete(waiter);
        shed('waited too long');
      }, this.options.maxWaitMs),
    };
    this.waiting.add(waiter);
    return () => {
      if (this.waiting.delete(waiter)) clearTimeout(waiter.timer);
    };
  }

  /** Frees a slot and hands it to the longest-waiting request, if any. */
  release(): void {
    this.running -= 1;
    while (this.running < this.options.maxConcurrent && this.waiting.size > 0) {
      const next = this.waiting.values().next().value!;
      this.waiting.delete(next);
      clearTimeout(next.timer);
      this.running += 1;
      next.grant();
    }
  }
}

/** The middleware: put it before anything that reads or parses the body. */
export function admission(options: Admission): RequestHandler {
  const gate = new AdmissionGate(options);
  return (req, res, next) => {
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    let withdraw = (): void => undefined;
    const finish = () => {
      if (state === 'running') gate.release();
      else if (state === 'waiting') withdraw();
      state = 'done';
    };
    // 'close' comes once per response (never synchronously), whether it was sent in full or its client left.
    res.once('close', finish);
    withdraw = gate.enter(
      () => {
        state = 'running';
        // A client that left while waiting, its 'close' not yet delivered, gets no work: its body can no
        // longer be read, and the slot goes to the next in line at once.
        if (req.socket.destroyed) finish();
        else next();
      },
      (reason) => {
        // the access log's level depends on it (log-level.ts)
        (res.locals as { shed?: ShedReason }).shed = reason;
        metrics.shed.inc();
        res
          .status(503)
          .set('retry-after', String(RETRY_AFTER_SECONDS))
          .json(httpErrorBody(OVERLOADED_MESSAGE, String(req.id), 'SERVICE_UNAVAILABLE'));
      },
    );
  };
}
