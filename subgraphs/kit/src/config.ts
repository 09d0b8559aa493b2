import { resolve } from 'node:path';

/** The repository root, so `./data/<subgraph>` means the same from any working directory. */
export const PROJECT_ROOT = resolve(__dirname, '../../..');

export interface SubgraphConfig {
  port: number;
  /** PostgreSQL URL from `<NAME>_DATABASE_URL`; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite directory: `$ONEPLAN_DATA_DIR/<name>`, by default `./data/<name>`. */
  dataDir: string;
  /** Seed demo data into an empty database (never in production). */
  seedDemo: boolean;
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`invalid port: ${value}`);
  return parsed;
}

export function subgraphConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const upper = name.toUpperCase();
  return {
    port: port(env[`${upper}_PORT`], defaultPort),
    databaseUrl: env[`${upper}_DATABASE_URL`] || undefined,
    dataDir: resolve(env.ONEPLAN_DATA_DIR ?? resolve(PROJECT_ROOT, 'data'), name),
    seedDemo: env.NODE_ENV !== 'production' && env.ONEPLAN_DEMO_DATA !== 'false',
  };
}

/** Demo citizens seeded on first start: the size of Furesø's first one-plan cohort. */
export const DEMO_COHORT_SIZE = 150;
