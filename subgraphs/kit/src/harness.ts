import type { Database, PrismaLike } from './db/database';
import { openSubgraphDatabase } from './db/open';
import { seedDemoIfEmpty } from './demo/seed';
import { createLogger, type Logger } from './logger';
import { subgraphOptionsFromEnv, type SubgraphOptions } from './options';
import { serveSubgraph } from './serve';
import type { RunningSubgraph } from './server';
import type { SubgraphModule } from './subgraph';

/** A subgraph running inside this process, as tests and the bench's statement counter use it. */
export interface SubgraphInProcess<P> {
  db: Database<P>;
  server: RunningSubgraph;
  close(): Promise<void>;
}

/**
 * Starts a subgraph in this process on a free loopback port: a throwaway
 * in-memory PGlite (or the PostgreSQL `databaseUrl`), migrated, seeded with the
 * demo cohort (of `demoCitizens`, default 150) unless `demo: false`, serving exactly as `runSubgraph` does.
 */
export async function startSubgraph<P extends PrismaLike, L, W, X>(
  module: SubgraphModule<P, L, W, X>,
  overrides: Partial<SubgraphOptions> & { demo?: boolean; demoCitizens?: number; logger?: Logger } = {},
): Promise<SubgraphInProcess<P>> {
  const { demo = true, demoCitizens, logger = createLogger(module.name), ...given } = overrides;
  const options: SubgraphOptions = {
    ...subgraphOptionsFromEnv(module.name, 0),
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    databaseUrl: undefined,
    ...given,
  };
  const db = await openSubgraphDatabase(module, options, logger);
  try {
    if (demo) await seedDemoIfEmpty(module, db, demoCitizens);
    const server = await serveSubgraph(module, db, options, logger);
    return {
      db,
      server,
      async close() {
        await server.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
