import { isProduction } from './mode';
import { secretWeakness } from './secret-strength';

const GENERATE = 'generate one with `openssl rand -base64 48`';

/**
 * A secret from configuration. Outside production a development default stands
 * in; in production the secret must be set, not that default, and strong (see
 * secret-strength.ts). Errors name the variable, never the secret.
 */
export function secretFromEnv(env: NodeJS.ProcessEnv, variable: string, developmentDefault: string): string {
  const secret = env[variable];
  if (!isProduction(env)) return secret ?? developmentDefault;
  if (!secret) throw new Error(`${variable} must be set in production; ${GENERATE}`);
  if (secret === developmentDefault) throw new Error(`${variable} must not be the development key in production; ${GENERATE}`);
  const weakness = secretWeakness(secret);
  if (weakness) throw new Error(`${variable} is too weak for production: ${weakness}; ${GENERATE}`);
  return secret;
}

/**
 * In production no two of these variables may hold the same secret, so that one
 * leaked key opens only its own door (contract: a grant key equal to the signing
 * key is refused). Unset variables are left to secretFromEnv.
 */
export function refuseReusedSecrets(env: NodeJS.ProcessEnv, variables: readonly string[]): void {
  if (!isProduction(env)) return;
  variables.forEach((variable, index) => {
    const earlier = variables.slice(0, index).find((other) => env[other] && env[other] === env[variable]);
    if (earlier) throw new Error(`${variable} must not be the same secret as ${earlier} in production`);
  });
}
