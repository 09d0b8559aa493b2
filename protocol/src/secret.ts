/**
 * A secret from configuration. Outside production a development default stands
 * in; in production the secret must be set, at least 32 characters long, and
 * not that default.
 */
export function secretFromEnv(env: NodeJS.ProcessEnv, variable: string, developmentDefault: string): string {
  const secret = env[variable];
  if (env.NODE_ENV === 'production') {
    if (!secret || secret === developmentDefault || secret.length < 32) {
      throw new Error(`${variable} must be set to a secret of at least 32 characters in production`);
    }
    return secret;
  }
  return secret ?? developmentDefault;
}
