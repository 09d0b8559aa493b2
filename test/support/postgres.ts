import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { POSTGRES_ADMIN_URL } from './global-setup';

/** `describe` for PostgreSQL tests: skipped (with the global setup's message) where no server runs. */
export const describePostgres: jest.Describe = process.env.ONEPLAN_POSTGRES_TESTS === 'on' ? describe : describe.skip;

async function admin<T>(work: (client: Client) => Promise<T>, connectionString = POSTGRES_ADMIN_URL): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database; drop it with the returned function. */
export async function throwawayDatabase(label: string): Promise<{
  url: string;
  drop: () => Promise<void>;
  endConnections: () => Promise<number>;
  sql: (statement: string) => Promise<void>;
}> {
  const name = `oneplan_test_${label}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    /** Ends every connection to it from the server's side, as a restart or a failover would; says how many. */
    endConnections: () =>
      admin((client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])).then(
        (result) => result.rowCount ?? 0,
      ),
    /** Runs a statement in it on a connection of its own, as another process would. */
    sql: (statement) => admin((client) => client.query(statement), url.toString()).then(() => undefined),
  };
}

/** Where a suite's database lives: an in-memory PGlite (no URL), or a throwaway PostgreSQL database. */
export type DatabaseLocation = () => Promise<{ databaseUrl?: string; drop(): Promise<void> }>;

/** Runs `suite` on in-memory PGlite and, where a server runs, on throwaway PostgreSQL databases. */
export function onEachDatabase(label: string, suite: (kind: 'pglite' | 'postgresql', location: DatabaseLocation) => void): void {
  describe('on PGlite', () => suite('pglite', async () => ({ drop: async () => undefined })));
  describePostgres('on PostgreSQL', () =>
    suite('postgresql', async () => {
      const database = await throwawayDatabase(label);
      return { databaseUrl: database.url, drop: database.drop };
    }),
  );
}
