import { assertGuarded } from './guards';
import type { Database, PrismaLike } from './db/database';
import type { Logger } from './logger';
import type { SubgraphOptions } from './options';
import { buildSchemaFrom, createSubgraphApp, listen, type RunningSubgraph } from './server';
import { WrittenRecords } from './access-log';
import { createSubgraphMetrics } from './metrics';
import { contextFactory, type SubgraphModule } from './subgraph';

export type ServeOptions = Pick<
  SubgraphOptions,
  'port' | 'host' | 'signingKey' | 'grantKey' | 'enforcement' | 'production' | 'metricsToken'
>;

/**
 * Serves a subgraph over its open database: its schema with resolvers that the
 * kit first checks against the access policy, behind the gateway-signature check.
 */
export async function serveSubgraph<P extends PrismaLike, L, W, X>(
  module: SubgraphModule<P, L, W, X>,
  db: Database<P>,
  options: ServeOptions,
  logger: Logger,
): Promise<RunningSubgraph> {
  const schema = buildSchemaFrom(module);
  assertGuarded(schema, module.resolvers);
  const metrics = createSubgraphMetrics({
    service: module.name,
    token: options.metricsToken,
    production: options.production,
    logger,
  });
  metrics.countStatements(db.statementCount);
  const writtenRecords = new WrittenRecords(metrics.accessLogWrites);
  const { app, apollo } = await createSubgraphApp({
    name: module.name,
    schema,
    createContext: contextFactory(module, db.prisma, options, logger, writtenRecords),
    healthy: async () => (await db.prisma.$queryRawUnsafe('SELECT 1'), true),
    logger,
    signingKey: options.signingKey,
    production: options.production,
    metrics,
  });
  const running = await listen(app, apollo, options.port, options.host);
  const settled = () => writtenRecords.settled();
  // A refusal's record may still be on its way when the answer has left: closing waits for it.
  return { ...running, settled, close: async () => (await running.close(), await settled()) };
}
