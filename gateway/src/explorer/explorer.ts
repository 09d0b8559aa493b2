import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../logger';
import { buildExplorerBundle, EXPLORER_ASSETS, type BundledFile, type ExplorerBundle } from './explorer-bundle';

/** Where the page finds its bundle; assets/explorer/index.html names these paths. */
const BUNDLE_ROUTE = '/graphql/explorer';

/**
 * Scripts, styles, fonts and workers only from the gateway itself; no inline script, no framing.
 * Monaco writes its own <style> elements and style attributes, hence 'unsafe-inline' for styles
 * (never for scripts); GraphiQL's CSS carries its fonts as data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * A browser navigating to the endpoint: it prefers HTML to every GraphQL response type. The same
 * question Apollo Server asks before its own landing page; curl's `*\/*` and clients' JSON do not.
 */
function wantsPage(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

function send(res: Response, file: BundledFile): void {
  res.set({ ...PAGE_HEADERS, 'content-type': file.type, 'cache-control': 'no-cache', etag: file.etag });
  res.send(file.body);
}

/**
 * Outside production, `GET /graphql` in a browser: GraphiQL, with a headers editor for the bearer
 * token and the schema's docs, served entirely by the gateway (no CDN; it works offline). The bundle
 * is built on first use and kept in memory; every other request to `/graphql` passes on to Apollo.
 * Mount it only outside production: it is built from devDependencies.
 */
export function explorer(options: { logger: Logger }): Router {
  const router = express.Router();
  const html = readFileSync(join(EXPLORER_ASSETS, 'index.html'), 'utf8');
  if (!html.includes(`"${BUNDLE_ROUTE}/explorer.js"`)) {
    throw new Error(`assets/explorer/index.html must load ${BUNDLE_ROUTE}/explorer.js`);
  }

  let bundle: Promise<ExplorerBundle> | undefined;
  const built = () => {
    bundle ??= buildExplorerBundle().catch((error: unknown) => {
      // Not kept: the next request tries again (e.g. after `npm install` put the devDependencies back).
      bundle = undefined;
      throw error;
    });
    return bundle;
  };

  const unavailable = (res: Response) => (error: unknown) => {
    options.logger.error({ err: error }, 'the GraphQL explorer could not be built');
    res
      .status(503)
      .set('cache-control', 'no-store')
      .type('text/plain')
      .send("The explorer could not be built: it needs the gateway's devDependencies (esbuild, graphiql).");
  };

  // The page waits for the bundle too: a page whose script cannot load would only ever say "Loading".
  router.get('/graphql', (req, res, next) => {
    if (!wantsPage(req)) return next();
    built().then(() => {
      res.set({ ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.send(html);
    }, unavailable(res));
  });
  router.get(`${BUNDLE_ROUTE}/:file`, (req, res) => {
    built().then((files) => {
      const file = files.get(req.params.file);
      if (file) send(res, file);
      else res.status(404).type('text/plain').send('Not found');
    }, unavailable(res));
  });
  return router;
}
