import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SUBGRAPHS as REGISTERED } from '../../schema/subgraphs';

/** The registered subgraphs' names, in the registry's order. */
export const SUBGRAPHS = REGISTERED.map(({ name }) => name);
export type SubgraphName = string;

export interface BenchDatabases {
  urls: Record<SubgraphName, string>;
  names: string[];
  /** Drops them all, connections and all; safe to call more than once. */
  drop(): Promise<void>;
}

async function asAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One empty PostgreSQL database per subgraph, named for this run, so the bench
 * never touches anyone's data and leaves nothing behind.
 */
export async function createBenchDatabases(adminUrl: string): Promise<BenchDatabases> {
  const run = randomBytes(4).toString('hex');
  const names = Object.fromEntries(SUBGRAPHS.map((name) => [name, `oneplan_bench_${run}_${name}`])) as Record<
    SubgraphName,
    string
  >;
  const created: string[] = [];
  let dropped = false;
  const drop = async () => {
    if (dropped || created.length === 0) return;
    dropped = true;
    await asAdmin(adminUrl, async (client) => {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
  try {
    await asAdmin(adminUrl, async (client) => {
      for (const name of Object.values(names)) {
        await client.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      }
    });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  const urls = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => {
      const url = new URL(adminUrl);
      url.pathname = `/${names[subgraph]}`;
      return [subgraph, url.toString()];
    }),
  ) as Record<SubgraphName, string>;
  return { urls, names: Object.values(names), drop };
}
