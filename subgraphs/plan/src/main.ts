import { createLogger, runSubgraph, subgraphConfig } from '@oneplan/kit';
import { openPlanDatabase } from './data/database';
import { seedPlanIfEmpty } from './seed';
import { servePlan } from './subgraph';

const logger = createLogger('plan');

runSubgraph({
  name: 'plan',
  config: subgraphConfig('plan', 4001),
  logger,
  open: openPlanDatabase,
  seedIfEmpty: (db) => seedPlanIfEmpty(db.prisma),
  serve: (db, port) => servePlan(db, port, logger),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'plan subgraph failed to start');
  process.exit(1);
});
