/** Liveness (the process answers) and readiness (the database answers and every migration is applied). */
import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { ReadinessCheck } from './readiness';

export function healthRoutes(dataSource: DataSource): Router {
  const router = express.Router();
  const readiness = new ReadinessCheck(dataSource);
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const answer = await readiness.check();
    res.status(answer.status === 'ready' ? 200 : 503).json(answer);
  });
  return router;
}
