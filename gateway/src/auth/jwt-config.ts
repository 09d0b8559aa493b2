import { isProduction } from '@oneplan/protocol';
import { positiveInteger } from '../limits/limits-config';

/** Where the gateway gets the key that bearer tokens must be signed with. */
export type TokenKeySource =
  { kind: 'dev-secret'; secret: string } | { kind: 'jwks'; url: string } | { kind: 'public-key'; pem: string };

export interface JwtConfig {
  issuer: string;
  audience: string;
  key: TokenKeySource;
  /** The longest a token may live, `exp` − `iat` (token-lifetime.ts); default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS. */
  maxLifetimeSeconds?: number;
}

/** 12 h (contract, "Trust hardening"): a working day with room, and no token that outlives it. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/** ONEPLAN_JWT_MAX_LIFETIME_SECONDS, read by the gateway, and by `npm run token` so that it issues nothing longer. */
export function maxTokenLifetimeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env, 'ONEPLAN_JWT_MAX_LIFETIME_SECONDS', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
}

export const DEV_ISSUER = 'oneplan-dev';
export const DEV_AUDIENCE = 'oneplan';
const DEFAULT_DEV_SECRET = 'oneplan-development-jwt-secret-never-use-in-production';

/** The HS256 secret shared by `npm run token` and a development gateway. */
export function devJwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  return env.ONEPLAN_DEV_JWT_SECRET || DEFAULT_DEV_SECRET;
}

/** Development tokens: HS256 with the dev secret, as `npm run token` issues them. */
export function devJwtConfig(env: NodeJS.ProcessEnv = process.env): JwtConfig {
  return {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    key: { kind: 'dev-secret', secret: devJwtSecret(env) },
    maxLifetimeSeconds: maxTokenLifetimeFromEnv(env),
  };
}

/**
 * Production tokens come from the municipality's identity provider; the dev
 * secret is never a key source here, so a dev token cannot pass. The JWKS comes
 * over https only: over plain http anyone on the path could hand the gateway their own keys.
 */
export function productionJwtConfig(env: NodeJS.ProcessEnv = process.env): JwtConfig {
  const issuer = env.ONEPLAN_JWT_ISSUER;
  const audience = env.ONEPLAN_JWT_AUDIENCE;
  if (!issuer || !audience) {
    throw new Error('ONEPLAN_JWT_ISSUER and ONEPLAN_JWT_AUDIENCE must be set in production');
  }
  const maxLifetimeSeconds = maxTokenLifetimeFromEnv(env);
  const jwksUrl = env.ONEPLAN_JWT_JWKS_URL;
  if (jwksUrl) {
    if (!URL.canParse(jwksUrl) || new URL(jwksUrl).protocol !== 'https:') {
      throw new Error('ONEPLAN_JWT_JWKS_URL must be an https URL in production');
    }
    return { issuer, audience, key: { kind: 'jwks', url: jwksUrl }, maxLifetimeSeconds };
  }
  if (env.ONEPLAN_JWT_PUBLIC_KEY) {
    return { issuer, audience, key: { kind: 'public-key', pem: env.ONEPLAN_JWT_PUBLIC_KEY }, maxLifetimeSeconds };
  }
  throw new Error('ONEPLAN_JWT_JWKS_URL or ONEPLAN_JWT_PUBLIC_KEY must be set in production');
}

export function jwtConfigFromEnv(env: NodeJS.ProcessEnv = process.env): JwtConfig {
  return isProduction(env) ? productionJwtConfig(env) : devJwtConfig(env);
}
