import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Claims one subgraph states and signs for another, carried by the gateway in a
 * field (`@requires`, an entity key): JSON, base64url, and an HMAC over the
 * payload and what the claims are for, so a token made for one purpose is
 * never read as another. A JWT library was weighed and refused: these tokens
 * never leave the federation, need no header, algorithm choice or key id, and
 * one HMAC keeps them short and their check in one place.
 */

const MAX_TOKEN_LENGTH = 4096;

function mac(key: string, purpose: string, payload: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}.${payload}`).digest();
}

export function signClaims(key: string, purpose: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, purpose, payload).toString('base64url')}`;
}

/** The claims of a token signed with `key` for `purpose`, or null on any doubt. */
export function verifiedClaims(key: string, purpose: string, token: unknown): Record<string, unknown> | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const wanted = mac(key, purpose, payload);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
