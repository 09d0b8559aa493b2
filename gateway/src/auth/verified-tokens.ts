import { LRUCache } from 'lru-cache';
import type { Identity } from '@oneplan/protocol';

/** Long enough to spare a caller's page of requests the signature check; short enough that a withdrawn key bites soon. */
export const VERIFIED_TOKEN_TTL_MS = 5 * 60 * 1000;
/** Distinct callers held at once; beyond it the least recently seen is checked afresh next time. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Tokens whose signature, issuer, audience and lifetime have been checked, with
 * the identity read from them, until the token expires and at most
 * VERIFIED_TOKEN_TTL_MS: a caller sends the same token with every request, and
 * verifying an RS256 signature each time is work done twice. Only verified tokens
 * are held, so a bad token pays the full check every time; the key is the whole
 * token, so one changed byte is a token never seen.
 */
export class VerifiedTokens {
  private readonly cache = new LRUCache<string, Identity>({ max: MAX_VERIFIED_TOKENS });

  get(token: string): Identity | undefined {
    return this.cache.get(token);
  }

  /** `expiresAt` in seconds since the epoch (the token's `exp`). */
  remember(token: string, identity: Identity, expiresAt: number, now = Date.now()): void {
    const ttl = Math.min(expiresAt * 1000 - now, VERIFIED_TOKEN_TTL_MS);
    if (ttl > 0) this.cache.set(token, identity, { ttl });
  }
}
