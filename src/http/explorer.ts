/**
 * The explorer, the service's own front end, at /explorer: its built files (dist/explorer, made by
 * `npm run explorer:build`) and the same page for every view URL under it, so a shared link opens that view.
 * It runs under a strict Content-Security-Policy of its own: scripts, styles and requests to this host only,
 * no inline script, no eval.
 */
import express, { type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';

export const EXPLORER_PATH = '/explorer';

/** Where the build puts the explorer, from the project root (the same from src/ in tests and dist/ in production). */
export const EXPLORER_DIR = path.resolve(__dirname, '..', '..', 'dist', 'explorer');

export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT =
  'The explorer has not been built: run `npm run explorer:build` (npm start and npm test build it when needed).';

export function explorerRoutes(dir: string = EXPLORER_DIR): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  router.use(EXPLORER_PATH, (_req, res, next) => {
    res.setHeader('Content-Security-Policy', EXPLORER_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  // Hashed file names: a file never changes under its name, so browsers may keep it for a year.
  router.use(
    `${EXPLORER_PATH}/assets`,
    express.static(path.join(dir, 'assets'), {
      fallthrough: false,
      index: false,
      immutable: true,
      maxAge: '365d',
      redirect: false,
    }),
  );
  const page: express.RequestHandler = (_req, res) => {
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  router.get(EXPLORER_PATH, (_req, res) => res.redirect(301, `${EXPLORER_PATH}/`));
  router.get(`${EXPLORER_PATH}/`, page);
  router.get(`${EXPLORER_PATH}/{*view}`, page);
  return router;
}
