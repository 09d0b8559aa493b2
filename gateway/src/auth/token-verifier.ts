import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims, type Identity } from '@oneplan/protocol';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type JwtConfig } from './jwt-config';
import { TokenRejected, TokenKeyUnavailable } from './token-errors';
import { tokenLifetimeRefusal } from './token-lifetime';
import { VerifiedTokens } from './verified-tokens';

type VerificationKey = { key: Uint8Array | KeyObject | JWTVerifyGetKey; algorithms: string[] };

/** Asymmetric algorithms only: an HMAC token must never pass a public-key check. */
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256'];
    case 'ec':
      return key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? ['ES384'] : ['ES256'];
    case 'ed25519':
      return ['EdDSA'];
    default:
      throw new Error(`ONEPLAN_JWT_PUBLIC_KEY has an unsupported key type: ${key.asymmetricKeyType}`);
  }
}

function verificationKey(config: JwtConfig): VerificationKey {
  switch (config.key.kind) {
    case 'dev-secret':
      return { key: new TextEncoder().encode(config.key.secret), algorithms: ['HS256'] };
    case 'jwks':
      return { key: createRemoteJWKSet(new URL(config.key.url)), algorithms: PUBLIC_KEY_ALGORITHMS };
    case 'public-key': {
      const key = createPublicKey(config.key.pem);
      return { key, algorithms: algorithmsFor(key) };
    }
  }
}

/** Failures of the key source itself are ours, not the caller's. */
function isKeySourceFailure(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError);
}

export type TokenVerifier = (token: string) => Promise<Identity>;

/**
 * Verifies a bearer token's signature, issuer, audience, expiry and lifetime, then reads the
 * contract's identity out of its claims. Throws TokenRejected for anything the
 * caller got wrong and TokenKeyUnavailable when the key source cannot answer.
 */
export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const { key, algorithms } = verificationKey(config);
  const options = { issuer: config.issuer, audience: config.audience, algorithms, requiredClaims: ['exp'] };
  const maxLifetimeSeconds = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const verified = new VerifiedTokens();
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    let claims: JWTPayload;
    try {
      // The overloads of jwtVerify differ by key kind; one call serves all three.
      claims = (await jwtVerify(token, key as Uint8Array, options)).payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('The bearer token has expired.');
      if (isKeySourceFailure(error)) throw new TokenKeyUnavailable(error);
      throw new TokenRejected('The bearer token is not valid.');
    }
    const lifetimeRefusal = tokenLifetimeRefusal(claims, Math.floor(Date.now() / 1000), maxLifetimeSeconds);
    if (lifetimeRefusal) throw new TokenRejected(lifetimeRefusal);
    const identity = identityFromClaims(claims);
    if (!identity) throw new TokenRejected('The bearer token does not carry a valid oneplan identity.');
    verified.remember(token, identity, claims.exp!);
    return identity;
  };
}
