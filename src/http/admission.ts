/**
 * Admission control for /graphql: at most `maxConcurrent` GraphQL requests run at once, at most `queueLimit`
 * more wait for a turn (first come, first served), and none waits longer than `maxWaitMs`. Every other
 * request is answered at once with 503 SERVICE_UNAVAILABLE and Retry-After, before its body is read or
 * parsed, so a flood costs little per refused request and the database pool is never the place where
 * requests pile up (a request that reaches the pool's own bounded queue has already paid for parsing,
 * validation and cost analysis, and failing it there wastes all of that).
 *
 * A client that ignores Retry-After and sends again at once on the same connection would keep the event loop
 * busy answering 503s, at the expense of the requests admitted: after a shed, the next request on that
 * connection is held for `shedHoldMs` before admission looks at it. It costs nothing while held (a timer),
 * other connections are not affected, and a client that honours Retry-After never notices.
 *
 * No library fits: semaphores (async-sema, p-limit) queue without bound and without a deadline,
 * express-queue has no deadline either, and load-based shedding (overload-protection, toobusy-js) reacts to
 * event-loop delay after the fact instead of bounding the work admitted.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
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

export interface AdmissionFrontOptions {
  /** The GraphQL path: only requests for it are admitted; everything else (health, playground page) passes. */
  path: string;
  /** Other paths whose requests query the database (the linked-data export) and so are admitted too. */
  alsoAdmits?: (pathname: string) => boolean;
  logger: Logger;
  /** Request ids a client may give in `x-request-id`; anything else gets a fresh one. */
  requestIdPattern: RegExp;
}

/**
 * Wraps the HTTP server's request listener. A shed request is answered here, before express, logging,
 * header middleware or body parsing run, so under a flood a refusal costs a small fraction of a served
 * request and the work that is admitted keeps the CPU.
 */
export function admissionFront(settings: Admission, options: AdmissionFrontOptions) {
  const gate = new AdmissionGate(settings);
  const { path, logger, requestIdPattern } = options;
  const isGraphQL = (req: IncomingMessage) => {
    const url = req.url ?? '';
    const end = url.indexOf('?');
    const pathname = end === -1 ? url : url.slice(0, end);
    if (options.alsoAdmits?.(pathname)) return true;
    if (pathname !== path) return false;
    // the playground page is served at the same path to browsers: it runs no query
    return !(req.method === 'GET' && req.headers.accept?.includes('text/html'));
  };
  // connections whose last request was shed, and until when (performance.now()) their next one is held
  const heldUntil = new WeakMap<Socket, number>();
  const shed = (req: IncomingMessage, res: ServerResponse, reason: ShedReason) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    const body = JSON.stringify(httpErrorBody(OVERLOADED_MESSAGE, id, 'SERVICE_UNAVAILABLE'));
    metrics.shed.inc();
    if (settings.shedHoldMs > 0) heldUntil.set(req.socket, performance.now() + settings.shedHoldMs);
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': id,
    });
    res.end(body);
    // load, not a fault: warn, with no stack, in the shape of the access log's lines
    logger.warn(
      { req: { id, method: req.method, path }, res: { statusCode: 503 }, overload: `shed: ${reason}` },
      'request shed',
    );
  };
  return (next: RequestListener): RequestListener => {
    const admit = (req: IncomingMessage, res: ServerResponse) => {
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
          else next(req, res);
        },
        (reason) => shed(req, res, reason),
      );
    };
    return (req, res) => {
      if (!isGraphQL(req)) return next(req, res);
      const until = heldUntil.get(req.socket);
      const wait = until === undefined ? 0 : until - performance.now();
      if (wait <= 0) return admit(req, res);
      metrics.held.inc();
      const timer = setTimeout(() => {
        if (!req.socket.destroyed) admit(req, res);
      }, wait);
      res.once('close', () => clearTimeout(timer));
    };
  };
}
