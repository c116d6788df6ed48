import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import express, { type RequestHandler, type Router } from 'express';

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

/** Text assets worth compressing (images and fonts of the build are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.map', '.txt']);
const ONE_YEAR = 'public, max-age=31536000, immutable';

/**
 * Answers a request for a hashed text asset with its gzip encoding when the client accepts gzip:
 * each file is compressed once, on its first request, and kept (the build's assets never change
 * under a running gateway; a new build gets new names). Anything else falls through to the
 * static files.
 */
function gzippedAssets(assetsDir: string): RequestHandler {
  const cache = new Map<string, Buffer>();
  const root = resolve(assetsDir) + sep;
  /** The compressed file, or null when there is no such text asset (misses are not kept). */
  const compressed = (path: string): Buffer | null => {
    const known = cache.get(path);
    if (known !== undefined) return known;
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !COMPRESSIBLE.has(extname(file)) || !existsSync(file)) return null;
    const body = gzipSync(readFileSync(file), { level: 9 });
    cache.set(path, body);
    return body;
  };
  return (req, res, next) => {
    // Caches keep the encodings apart, whichever one this answer has.
    res.vary('accept-encoding');
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      next();
      return;
    }
    const wanted = (req.method === 'GET' || req.method === 'HEAD') && req.acceptsEncodings('gzip') === 'gzip';
    const body = wanted ? compressed(path) : null;
    if (body === null) {
      next();
      return;
    }
    res.type(extname(path)).set('content-encoding', 'gzip').set('cache-control', ONE_YEAR).send(body);
  };
}

/**
 * Serves the built console at `/`: hashed assets cached for a year (gzip-compressed for clients
 * that accept it), `index.html` never cached
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
  router.use('/assets', gzippedAssets(join(dir, 'assets')));
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
