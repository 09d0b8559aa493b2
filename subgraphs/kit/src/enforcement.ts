/**
 * For measuring only: `ONEPLAN_BENCH_WITHOUT_ENFORCEMENT=true` lets every read
 * through unchecked and unlogged, so the benchmark can state what consent
 * enforcement and the access log cost. It is refused in production.
 */
export function enforcementDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ONEPLAN_BENCH_WITHOUT_ENFORCEMENT !== 'true') return false;
  if (env.NODE_ENV === 'production') {
    throw new Error('ONEPLAN_BENCH_WITHOUT_ENFORCEMENT is for benchmarks and is refused in production');
  }
  return true;
}

export const ENFORCEMENT_DISABLED = enforcementDisabled();
