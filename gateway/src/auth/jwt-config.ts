/** Where the gateway gets the key that bearer tokens must be signed with. */
export type TokenKeySource =
  { kind: 'dev-secret'; secret: string } | { kind: 'jwks'; url: string } | { kind: 'public-key'; pem: string };

export interface JwtConfig {
  issuer: string;
  audience: string;
  key: TokenKeySource;
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
  return { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, key: { kind: 'dev-secret', secret: devJwtSecret(env) } };
}

/**
 * Production tokens come from the municipality's identity provider; the dev
 * secret is never a key source here, so a dev token cannot pass.
 */
export function productionJwtConfig(env: NodeJS.ProcessEnv = process.env): JwtConfig {
  const issuer = env.ONEPLAN_JWT_ISSUER;
  const audience = env.ONEPLAN_JWT_AUDIENCE;
  if (!issuer || !audience) {
    throw new Error('ONEPLAN_JWT_ISSUER and ONEPLAN_JWT_AUDIENCE must be set in production');
  }
  if (env.ONEPLAN_JWT_JWKS_URL) return { issuer, audience, key: { kind: 'jwks', url: env.ONEPLAN_JWT_JWKS_URL } };
  if (env.ONEPLAN_JWT_PUBLIC_KEY) return { issuer, audience, key: { kind: 'public-key', pem: env.ONEPLAN_JWT_PUBLIC_KEY } };
  throw new Error('ONEPLAN_JWT_JWKS_URL or ONEPLAN_JWT_PUBLIC_KEY must be set in production');
}

export function jwtConfigFromEnv(env: NodeJS.ProcessEnv = process.env): JwtConfig {
  return env.NODE_ENV === 'production' ? productionJwtConfig(env) : devJwtConfig(env);
}
