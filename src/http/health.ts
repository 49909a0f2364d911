/** Liveness (the process answers) and readiness (the database answers and every migration is applied). */
import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { ReadinessCheck } from './readiness';

/**
 * `replicasCanRead`: with read replicas, the service stays ready while its primary is down if a replica
 * takes reads (queries are answered; only ingests, which go to the primary, fail).
 */
export function healthRoutes(dataSource: DataSource, replicasCanRead?: () => boolean): Router {
  const router = express.Router();
  const readiness = new ReadinessCheck(dataSource);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const answer = await readiness.check();
    if (answer.status !== 'ready' && answer.database === 'down' && replicasCanRead?.()) {
      res.json({ status: 'ready', database: 'down', reads: 'replicas' });
      return;
    }
    res.status(answer.status === 'ready' ? 200 : 503).json(answer);
  });
  return router;
}
