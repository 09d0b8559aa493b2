import cors from 'cors';
import type { RequestHandler } from 'express';

/** Browser pages on another origin that may call `/graphql`: exact origins, or `*` for any page (never in production). */
export type AllowedOrigins = readonly string[] | '*';

/** Outside production, without `ONEPLAN_CORS_ORIGINS`: a local frontend's dev server (Vite; Next.js and Create React App). */
export const DEVELOPMENT_ORIGINS: readonly string[] = ['http://localhost:5173', 'http://localhost:3000'];

/** What a page may send: the token, a JSON body, Apollo's CSRF-prevention and operation headers, its own request id. */
export const CORS_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
] as const;

/** What a page may read beyond the safelisted response headers: the request id to quote, and how long to back off. */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after'] as const;

const VARIABLE = 'ONEPLAN_CORS_ORIGINS';

/**
 * `ONEPLAN_CORS_ORIGINS`, comma-separated exact origins. Unset: none in production, the local dev servers
 * outside it; set but empty: none. A browser compares origins byte for byte, so an entry that is not already an
 * origin as a browser sends it (`new URL(entry).origin`) would never match: it refuses start-up, named.
 */
export function corsOrigins(value: string | undefined, production: boolean): AllowedOrigins {
  if (value === undefined) return production ? [] : DEVELOPMENT_ORIGINS;
  if (value.trim() === '') return [];
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.includes('*')) {
    if (production) {
      throw new Error(`${VARIABLE}=* is refused in production: a bearer-token API is not open to every page; list the origins`);
    }
    if (entries.length > 1) throw new Error(`${VARIABLE}: * allows every origin and stands alone, not in a list`);
    return '*';
  }
  return [...new Set(entries.map(exactOrigin))];
}

function exactOrigin(entry: string): string {
  const url = URL.canParse(entry) ? new URL(entry) : undefined;
  const origin = url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : undefined;
  if (origin === entry) return entry;
  throw new Error(
    `${VARIABLE} entry ${JSON.stringify(entry)} is not an origin: http or https, a host, an optional port, ` +
      `no path and no trailing slash${origin ? ` (as a browser sends it: "${origin}")` : ''}`,
  );
}

/**
 * CORS for `/graphql` (expressjs/cors): an allowed origin is echoed back, any other gets no
 * `Access-Control-Allow-Origin`, so its browser withholds the answer. Requests are not refused here: a
 * server-to-server caller sends no `Origin`. A preflight (`OPTIONS`) is answered 204 at once. Bearer tokens, never
 * cookies: no credentials.
 */
export function crossOrigin(origins: AllowedOrigins): RequestHandler {
  const headers = cors({
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [...CORS_REQUEST_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    credentials: false,
    maxAge: 600,
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    // cors varies only a list by Origin; with `*` too, a cache must not keep an answer past a change of the setting.
    res.vary('Origin');
    headers(req, res, next);
  };
}
