import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import type { Identity } from '@oneplan/protocol';
import { issueDevToken } from '../auth/dev-token';
import type { JwtConfig } from '../auth/jwt-config';

/** The page's own files: under the package, beside src/ and dist/, so both find them. */
const ASSETS = join(__dirname, '..', '..', 'assets', 'outcomes');

/** Chart.js as its own UMD build, served by the gateway: the page needs no CDN and works offline. */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.js');

/** Scripts, styles and data only from the gateway itself; no inline script, no framing. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DEV_ANALYST: Identity = { role: 'analyst', sub: 'dev-analyst', name: 'Development analyst' };

/**
 * `/outcomes`: the analysts' and management's page of charts over `Query.outcomes`
 * (assets/outcomes/). Outside production it can fetch a development analyst token
 * (`/outcomes/dev-token`); in production that route does not exist and the user
 * pastes their own token, which the page keeps in this tab only.
 */
export function outcomesPage(options: { production: boolean; jwt: JwtConfig }): Router {
  const page = express.Router();
  const files: Record<string, { path: string; type: string }> = {
    '/': { path: join(ASSETS, 'index.html'), type: 'text/html; charset=utf-8' },
    '/outcomes.js': { path: join(ASSETS, 'outcomes.js'), type: 'text/javascript; charset=utf-8' },
    '/outcomes.css': { path: join(ASSETS, 'outcomes.css'), type: 'text/css; charset=utf-8' },
    '/chart.umd.js': { path: CHART_JS, type: 'text/javascript; charset=utf-8' },
  };
  const bodies = new Map(Object.entries(files).map(([route, file]) => [route, readFileSync(file.path)]));
  for (const [route, file] of Object.entries(files)) {
    page.get(route, (_req, res) => {
      res.set({
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.send(bodies.get(route));
    });
  }
  const { key } = options.jwt;
  if (!options.production && key.kind === 'dev-secret') {
    page.get('/dev-token', (_req, res, next) => {
      issueDevToken(DEV_ANALYST, key.secret, '1h').then(
        (token) => res.set('cache-control', 'no-store').json({ token }),
        (error: unknown) => next(error),
      );
    });
  }
  return page;
}
