/**
 * Security headers on every answer (helmet). The Content-Security-Policy allows this origin only, no
 * framing, and no inline script but the playground's own, named by its hash. Styles may be inline:
 * GraphiQL adds a style element at run time, and a style cannot run code.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';

const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

export function securityHeaders(inlineScripts: string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'", ...inlineScripts.map(hash)],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
