import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import type { Identity } from '@oneplan/protocol';
import { issueDevToken } from '../auth/dev-token';
import { documentIdOf, type TrustedDocuments } from '../trusted-documents';
import type { JwtConfig } from '../auth/jwt-config';

/** The page's own files: under the package, beside src/ and dist/, so both find them. */
const ASSETS = join(__dirname, '..', '..', 'assets', 'outcomes');

/**
 * Chart.js as its own UMD build, served by the gateway: the page needs no CDN and works offline.
 * Found beside the package's main file, since its `exports` do not list dist/chart.umd.js.
 */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
const CHART_JS_ROUTE = '/outcomes/chart.umd.js';
const A_YEAR = 'public, max-age=31536000, immutable';

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

/** The page's one operation. The gateway trusts its exact text in production, as it serves the page itself. */
const OUTCOMES_DOCUMENT = readFileSync(join(ASSETS, 'outcomes.graphql'), 'utf8');
export const OUTCOMES_PAGE_DOCUMENTS: TrustedDocuments = new Map([[documentIdOf(OUTCOMES_DOCUMENT), OUTCOMES_DOCUMENT]]);

const DEV_ANALYST: Identity = { role: 'analyst', sub: 'dev-analyst', name: 'Development analyst' };

/**
 * `/outcomes`: the analysts' and management's page of charts over `Query.outcomes`
 * (assets/outcomes/). Outside production it can fetch a development analyst token
 * (`/outcomes/dev-token`); in production that route does not exist and the user
 * pastes their own token, which the page keeps in this tab only.
 */
export function outcomesPage(options: { production: boolean; jwt: JwtConfig }): Router {
  const page = express.Router();
  const chartJs = readFileSync(CHART_JS);
  // The page names Chart.js by its content, so a year's caching never keeps an old release after an upgrade.
  const version = createHash('sha256').update(chartJs).digest('hex').slice(0, 16);
  const html = readFileSync(join(ASSETS, 'index.html'), 'utf8');
  if (!html.includes(`"${CHART_JS_ROUTE}"`)) throw new Error(`assets/outcomes/index.html must load ${CHART_JS_ROUTE}`);
  const files: Record<string, { body: Buffer | string; type: string; cache: string }> = {
    '/': {
      body: html.replace(`"${CHART_JS_ROUTE}"`, `"${CHART_JS_ROUTE}?v=${version}"`),
      type: 'text/html; charset=utf-8',
      cache: 'no-cache',
    },
    '/outcomes.js': {
      body: readFileSync(join(ASSETS, 'outcomes.js')),
      type: 'text/javascript; charset=utf-8',
      cache: 'no-cache',
    },
    '/outcomes.css': { body: readFileSync(join(ASSETS, 'outcomes.css')), type: 'text/css; charset=utf-8', cache: 'no-cache' },
    '/outcomes.graphql': { body: OUTCOMES_DOCUMENT, type: 'application/graphql; charset=utf-8', cache: 'no-cache' },
    '/chart.umd.js': { body: chartJs, type: 'text/javascript; charset=utf-8', cache: A_YEAR },
  };
  for (const [route, file] of Object.entries(files)) {
    page.get(route, (_req, res) => {
      res.set({
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': file.cache,
      });
      res.send(file.body);
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
