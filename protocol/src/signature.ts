import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { identityFromClaims, type ForwardedIdentity } from './identity';
import { secretFromEnv } from './secret';
import { isRequestId } from './request-log-context';
import { isTraceparent } from './tracing';

/**
 * Gateway → subgraph request signing. The gateway signs every call with an HMAC
 * over the method, path, a timestamp, a one-time nonce, the forwarded identity and
 * the body's digest; a subgraph answers nothing else. A signature thus fits one
 * body, one identity and one moment, and the nonce makes it single-use.
 */
export const SIGNATURE_HEADERS = {
  identity: 'x-oneplan-identity',
  timestamp: 'x-oneplan-timestamp',
  nonce: 'x-oneplan-nonce',
  signature: 'x-oneplan-signature',
} as const;

/** How far a signature's timestamp may be from the subgraph's clock. */
export const REPLAY_WINDOW_MS = 30_000;

const DEV_SIGNING_KEY = 'oneplan-development-signing-key-never-use-in-production';

/**
 * The shared gateway/subgraph key. In production it must come from configuration
 * and be long enough; the development key is refused there.
 */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(env, 'ONEPLAN_SIGNING_KEY', DEV_SIGNING_KEY);
}

export interface SignableRequest {
  method: string;
  path: string;
  body: string | Buffer;
  identity?: ForwardedIdentity | undefined;
}

function digest(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The fields a signature covers, in the order the MAC reads them. */
interface SignedFields {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  identity: string;
  body: string | Buffer;
}

/** The v1 MAC, built the same way for signing and for verifying. */
function mac(key: string, fields: SignedFields): Buffer {
  const parts = [
    'v1',
    fields.method.toUpperCase(),
    fields.path,
    fields.timestamp,
    fields.nonce,
    fields.identity,
    digest(fields.body),
  ];
  return createHmac('sha256', key).update(parts.join('\n')).digest();
}

function encodeIdentity(identity: ForwardedIdentity | undefined): string {
  return identity ? Buffer.from(JSON.stringify(identity)).toString('base64url') : '';
}

/** The headers that make a request acceptable to a subgraph. */
export function signRequest(key: string, request: SignableRequest, now = Date.now()): Record<string, string> {
  const identity = encodeIdentity(request.identity);
  const timestamp = String(now);
  // 122 random bits; Node draws UUIDs from a cached batch of entropy, where randomBytes asks the system each time.
  const nonce = randomUUID();
  const signature = mac(key, { method: request.method, path: request.path, timestamp, nonce, identity, body: request.body });
  const headers: Record<string, string> = {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: `v1=${signature.toString('hex')}`,
  };
  if (identity) headers[SIGNATURE_HEADERS.identity] = identity;
  return headers;
}

export type Verification =
  { ok: true; identity: ForwardedIdentity | null; nonce: string; timestamp: number } | { ok: false; reason: string };

type HeaderBag = Record<string, string | string[] | undefined>;

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function decodeIdentity(encoded: string): ForwardedIdentity | null | 'invalid' {
  if (encoded === '') return null;
  try {
    const claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { requestId, traceparent, correlationId, ...rest } = claims;
    const identity = identityFromClaims(rest);
    if (!identity || typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 100) {
      return 'invalid';
    }
    if (traceparent !== undefined && !isTraceparent(traceparent)) return 'invalid';
    if (correlationId !== undefined && !isRequestId(correlationId)) return 'invalid';
    return { ...identity, requestId, ...(traceparent ? { traceparent } : {}), ...(correlationId ? { correlationId } : {}) };
  } catch {
    return 'invalid';
  }
}

/**
 * Checks a request's signature. Replays inside the window are the caller's to
 * refuse, by remembering the returned nonce until the window has passed.
 */
export function verifyRequest(
  key: string,
  request: { method: string; path: string; body: string | Buffer; headers: HeaderBag },
  now = Date.now(),
): Verification {
  const timestamp = single(request.headers, SIGNATURE_HEADERS.timestamp);
  const nonce = single(request.headers, SIGNATURE_HEADERS.nonce);
  const signature = single(request.headers, SIGNATURE_HEADERS.signature);
  const identityHeader = single(request.headers, SIGNATURE_HEADERS.identity) ?? '';
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'unsigned' };
  if (!/^\d{1,15}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    return { ok: false, reason: 'malformed' };
  }
  const at = Number(timestamp);
  if (Math.abs(now - at) > REPLAY_WINDOW_MS) return { ok: false, reason: 'stale' };
  const match = /^v1=([0-9a-f]{64})$/.exec(signature);
  if (!match?.[1]) return { ok: false, reason: 'malformed' };
  const expected = mac(key, {
    method: request.method,
    path: request.path,
    timestamp,
    nonce,
    identity: identityHeader,
    body: request.body,
  });
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) return { ok: false, reason: 'mismatch' };
  const identity = decodeIdentity(identityHeader);
  if (identity === 'invalid') return { ok: false, reason: 'identity' };
  return { ok: true, identity, nonce, timestamp: at };
}
