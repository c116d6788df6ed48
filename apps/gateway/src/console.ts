import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';

/** Where `npm run build` puts the console (apps/console/dist), from this file in src/ or dist/. */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '..', '..', 'console', 'dist');

/** Paths the gateway answers itself; the console's client-side routes never use them. */
const GATEWAY_PATHS = /^\/(graphql|graphiql|health|ready)(\/|$)/;

const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built console at `/`: hashed assets cached for a year, `index.html` never cached
 * (so a new build is picked up at once), and every other GET that asks for HTML answered with
 * `index.html`, so client-side routes survive a reload. Undefined when the console is not built.
 */
export function createConsoleRouter(dir: string = DEFAULT_CONSOLE_DIR): Router | undefined {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const router = express.Router();
  const sendIndex: express.RequestHandler = (_req, res) => {
    res
      .set('cache-control', 'no-cache, no-store, must-revalidate')
      .set('content-security-policy', CONSOLE_CSP)
      .sendFile(indexFile);
  };
  router.get('/', sendIndex);
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      fallthrough: false,
    }),
  );
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' || GATEWAY_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    sendIndex(req, res, next);
  });
  return router;
}
