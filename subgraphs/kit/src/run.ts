import { startTracing } from '@oneplan/protocol';
import { openSubgraphDatabase } from './db/open';
import type { PrismaLike } from './db/database';
import { seedDemoIfEmpty } from './demo/seed';
import { createLogger } from './logger';
import { subgraphOptionsFromEnv } from './options';
import { serveSubgraph } from './serve';
import type { SubgraphModule } from './subgraph';

/**
 * A subgraph's `main`: options from the environment, open (and migrate) its
 * database, seed demo data on first start, serve, and shut down cleanly on
 * SIGINT/SIGTERM. A failure to start is logged and exits 1.
 */
export function runSubgraph<P extends PrismaLike, L, W, X>(
  module: SubgraphModule<P, L, W, X>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  let logger = createLogger(module.name);
  const tracing = startTracing(`oneplan-${module.name}`, env);
  const start = async () => {
    const options = subgraphOptionsFromEnv(module.name, module.port, env);
    logger = createLogger(module.name, options.log);
    const db = await openSubgraphDatabase(module, options, logger);
    logger.info({ database: db.kind, migrations: db.appliedMigrations }, 'database ready');
    if (options.seedDemo) {
      const seeded = await seedDemoIfEmpty(module, db);
      if (seeded > 0) logger.info({ citizens: seeded }, 'seeded demo data');
    }
    const server = await serveSubgraph(module, db, options, logger);
    logger.info({ url: server.url }, `${module.name} subgraph ready`);

    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.close().catch((error: unknown) => logger.error({ err: error }, 'server close failed'));
      await db.close().catch((error: unknown) => logger.error({ err: error }, 'database close failed'));
      await tracing?.shutdown().catch((error: unknown) => logger.error({ err: error }, 'trace export failed'));
      process.exit(0);
    };
    // `on`, not `once`: a second signal must not kill the process mid-stop, before its last spans have left.
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  };
  start().catch((error: unknown) => {
    logger.fatal({ err: error }, `${module.name} subgraph failed to start`);
    process.exit(1);
  });
}
