import { relative, sep } from 'node:path';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { consoleSecurityHeaders } from './console-security-headers';

/** Vite names these files by their content hash, so a name never changes meaning. */
const ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: revalidated on every load (its ETag makes that cheap). */
const REVALIDATE = 'no-cache';
const NOT_BUILT = 'The console is not built: run `npm run build --workspace console`, then reload.\n';

/**
 * Serves the console's built files at the mount path (/console), with every other path answered by
 * index.html so the console's own routes survive a reload or a shared link. A missing hashed asset
 * is a 404, not the page: a browser would refuse HTML as a script anyway (nosniff).
 */
export function createConsoleRouter(options: { readonly dir: string }): Router {
  const router = express.Router();
  router.use(consoleSecurityHeaders());
  router.use(
    express.static(options.dir, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        const isAsset = relative(options.dir, path).startsWith(`assets${sep}`);
        res.setHeader('Cache-Control', isAsset ? IMMUTABLE : REVALIDATE);
      },
    }),
  );
  router.use(serveIndexFor(options.dir));
  return router;
}

function serveIndexFor(dir: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith(ASSETS_PREFIX)) {
      next();
      return;
    }
    res.sendFile('index.html', { root: dir, headers: { 'Cache-Control': REVALIDATE } }, (error) => {
      if (!error) return;
      if (isMissingFile(error)) sendNotBuilt(res);
      else next(error);
    });
  };
}

function isMissingFile(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function sendNotBuilt(res: Response): void {
  if (res.headersSent) return;
  res.status(503).setHeader('Cache-Control', 'no-store').type('text/plain').send(NOT_BUILT);
}
