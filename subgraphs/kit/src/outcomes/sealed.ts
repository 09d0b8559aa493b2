import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Per-citizen data that must pass through the gateway from one subgraph to
 * another for statistics (the outcomes cohort, a department's part of it),
 * encrypted and authenticated with a key only the subgraphs hold (derived from
 * the grant key), and bound to one request and one purpose: the gateway carries
 * it in an `@inaccessible` field without being able to read it, no client can
 * ask for it, and it is worth nothing in another request. Signed claims
 * (signed-claims.ts) are readable by whoever carries them, so they are not
 * enough here; a JWE library was weighed and refused for the same reasons as JWT
 * there, and because these payloads are binary and large.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How long a sealed payload stays good: its request, with room for a slow one. */
export const SEALED_TTL_MS = 60_000;

function keyOf(grantKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', grantKey, '', 'oneplan.sealed.v1', 32));
}

function boundTo(purpose: string, requestId: string): Buffer {
  return Buffer.from(`${purpose}\u0000${requestId}`);
}

export function seal(grantKey: string, purpose: string, requestId: string, payload: Buffer, now = Date.now()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(grantKey), iv);
  cipher.setAAD(boundTo(purpose, requestId));
  const expiresAt = Buffer.alloc(8);
  expiresAt.writeDoubleBE(now + SEALED_TTL_MS);
  const body = Buffer.concat([cipher.update(expiresAt), cipher.update(payload), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The payload sealed for `purpose` in request `requestId`, or null on any doubt. */
export function unseal(grantKey: string, purpose: string, requestId: string, sealed: unknown, now = Date.now()): Buffer | null {
  if (typeof sealed !== 'string') return null;
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES + 8) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(grantKey), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    decipher.setAAD(boundTo(purpose, requestId));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return plain.readDoubleBE(0) > now ? plain.subarray(8) : null;
  } catch {
    return null;
  }
}
