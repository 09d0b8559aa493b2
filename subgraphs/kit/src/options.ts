import { resolve } from 'node:path';
import {
  isProduction,
  metricsTokenFromEnv,
  modeFromEnv,
  refuseReusedSecrets,
  secretFromEnv,
  signingKeyFromEnv,
} from '@oneplan/protocol';
import type { LogSettings } from './logger';

/** The repository root, so `./data/<subgraph>` means the same from any working directory. */
export const PROJECT_ROOT = resolve(__dirname, '../../..');

/**
 * Everything a subgraph process is configured with, read from the environment
 * once, at start-up, by `subgraphOptionsFromEnv`; nothing deeper reads
 * `process.env`.
 */
export interface SubgraphOptions {
  port: number;
  host: string;
  /** PostgreSQL URL from `<NAME>_DATABASE_URL`; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite directory: `$ONEPLAN_DATA_DIR/<name>`, by default `./data/<name>`. */
  dataDir: string;
  /** Seed demo data into an empty database (never in production). */
  seedDemo: boolean;
  production: boolean;
  /** The gateway ↔ subgraph request-signing key. */
  signingKey: string;
  /** The key consent grants are signed (plan) and checked (departments) with. */
  grantKey: string;
  /**
   * Consent enforcement and the access log. Off only for the benchmark's
   * baseline (`ONEPLAN_BENCH_WITHOUT_ENFORCEMENT=true`), and refused in production.
   */
  enforcement: boolean;
  /** The bearer token `GET /metrics` requires (`ONEPLAN_METRICS_TOKEN`); absent: open outside production, 404 in it. */
  metricsToken: string | undefined;
  log: LogSettings;
}

/** Where a subgraph's database is, as the seed and the test harness also need it. */
export type DatabaseLocation = Pick<SubgraphOptions, 'databaseUrl' | 'dataDir'>;

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`invalid port: ${value}`);
  return parsed;
}

const DEV_GRANT_KEY = 'oneplan-development-grant-key-never-use-in-production';

/** The key the plan subgraph signs grants with and the departments check them with. */
export function grantKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(env, 'ONEPLAN_GRANT_KEY', DEV_GRANT_KEY);
}

export function logSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LogSettings {
  return {
    level: env.LOG_LEVEL ?? (modeFromEnv(env) === 'test' ? 'silent' : 'info'),
    pretty: env.ONEPLAN_LOG_FORMAT === 'pretty',
  };
}

export function enforcementFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ONEPLAN_BENCH_WITHOUT_ENFORCEMENT !== 'true') return true;
  if (isProduction(env)) {
    throw new Error('ONEPLAN_BENCH_WITHOUT_ENFORCEMENT is for benchmarks and is refused in production');
  }
  return false;
}

/** The options of subgraph `name` (its variables are `<NAME>_PORT`, `<NAME>_DATABASE_URL`, …). */
export function subgraphOptionsFromEnv(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphOptions {
  const upper = name.toUpperCase();
  const production = isProduction(env);
  // The metrics token goes to a scraper, which must not thereby hold either key.
  refuseReusedSecrets(env, ['ONEPLAN_SIGNING_KEY', 'ONEPLAN_GRANT_KEY', 'ONEPLAN_METRICS_TOKEN']);
  return {
    port: port(env[`${upper}_PORT`], defaultPort),
    host: env[`${upper}_HOST`] || '127.0.0.1',
    databaseUrl: env[`${upper}_DATABASE_URL`] || undefined,
    dataDir: resolve(env.ONEPLAN_DATA_DIR ?? resolve(PROJECT_ROOT, 'data'), name),
    seedDemo: !production && env.ONEPLAN_DEMO_DATA !== 'false',
    production,
    signingKey: signingKeyFromEnv(env),
    grantKey: grantKeyFromEnv(env),
    enforcement: enforcementFromEnv(env),
    metricsToken: metricsTokenFromEnv(env),
    log: logSettingsFromEnv(env),
  };
}

/** Demo citizens seeded on first start: the size of Furesø's first one-plan cohort. */
export const DEMO_COHORT_SIZE = 150;
