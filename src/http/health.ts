/** Liveness (the process answers) and readiness (the database answers and every migration is applied). */
import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';

const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

export function healthRoutes(dataSource: DataSource): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(dataSource.query('SELECT 1'), READINESS_TIMEOUT_MS);
      const pending = await withTimeout(dataSource.showMigrations(), READINESS_TIMEOUT_MS);
      if (pending) {
        res.status(503).json({ status: 'unavailable', database: 'up', migrations: 'pending' });
        return;
      }
      res.json({ status: 'ready', database: 'up', migrations: 'applied' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });
  return router;
}
