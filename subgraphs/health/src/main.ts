import { createLogger, runSubgraph, subgraphConfig } from '@oneplan/kit';
import { openHealthDatabase } from './data/database';
import { seedHealthIfEmpty } from './seed';
import { serveHealth } from './subgraph';

const logger = createLogger('health');

runSubgraph({
  name: 'health',
  config: subgraphConfig('health', 4004),
  logger,
  open: openHealthDatabase,
  seedIfEmpty: (db) => seedHealthIfEmpty(db.prisma),
  serve: (db, port) => serveHealth(db, port, logger),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'health subgraph failed to start');
  process.exit(1);
});
