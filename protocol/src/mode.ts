/**
 * What the process runs as. `development` and `test` (jest sets it) enable what
 * only a developer may have: development keys and tokens, introspection,
 * suggestions, demo data, the benchmark's baseline. Everything else is production.
 */
export type Mode = 'development' | 'test' | 'production';

/**
 * The one place NODE_ENV is read: the service fails closed on its mode (contract,
 * "Trust hardening"), so only the exact values `development` and `test` leave
 * production; `Production`, `prod`, an empty value or none at all are production.
 */
export function modeFromEnv(env: NodeJS.ProcessEnv): Mode {
  const value = env.NODE_ENV;
  return value === 'development' || value === 'test' ? value : 'production';
}

export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return modeFromEnv(env) === 'production';
}
