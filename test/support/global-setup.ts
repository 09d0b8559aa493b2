import { Client } from 'pg';

export const POSTGRES_ADMIN_URL = process.env.ONEPLAN_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Decides once per run whether the PostgreSQL tests run. On a machine without a
 * server they are skipped with a message; in CI (CI=true) a missing server fails
 * the whole run instead of hiding.
 */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.ONEPLAN_POSTGRES_TESTS = 'on';
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but is not reachable at ${POSTGRES_ADMIN_URL}: ${String(error)}`, {
        cause: error,
      });
    }
    process.env.ONEPLAN_POSTGRES_TESTS = 'off';
    console.warn(`\nPostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: the PostgreSQL tests are skipped.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
