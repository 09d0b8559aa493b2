import type { SubgraphConfig } from './config';
import type { Database, PrismaLike } from './db/database';
import type { Logger } from './logger';
import type { RunningSubgraph } from './server';

export interface SubgraphProcess<P extends PrismaLike> {
  name: string;
  config: SubgraphConfig;
  logger: Logger;
  open: (config: SubgraphConfig) => Promise<Database<P>>;
  /** Seeds the demo cohort when the database holds nothing yet. */
  seedIfEmpty: (db: Database<P>) => Promise<number>;
  serve: (db: Database<P>, port: number) => Promise<RunningSubgraph>;
}

/**
 * Runs one subgraph as its department would: open (and migrate) its database,
 * seed demo data on first start, serve, and shut down cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph<P extends PrismaLike>(spec: SubgraphProcess<P>): Promise<void> {
  const { logger, config } = spec;
  const db = await spec.open(config);
  logger.info({ database: db.kind, migrations: db.appliedMigrations }, 'database ready');
  if (config.seedDemo) {
    const seeded = await spec.seedIfEmpty(db);
    if (seeded > 0) logger.info({ citizens: seeded }, 'seeded demo data');
  }
  const server = await spec.serve(db, config.port);
  logger.info({ url: server.url }, `${spec.name} subgraph ready`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close().catch((error: unknown) => logger.error({ err: error }, 'server close failed'));
    await db.close().catch((error: unknown) => logger.error({ err: error }, 'database close failed'));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
