import { createLogger, runSubgraph, subgraphConfig } from '@oneplan/kit';
import { openEmploymentDatabase } from './data/database';
import { seedEmploymentIfEmpty } from './seed';
import { serveEmployment } from './subgraph';

const logger = createLogger('employment');

runSubgraph({
  name: 'employment',
  config: subgraphConfig('employment', 4002),
  logger,
  open: openEmploymentDatabase,
  seedIfEmpty: (db) => seedEmploymentIfEmpty(db.prisma),
  serve: (db, port) => serveEmployment(db, port, logger),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'employment subgraph failed to start');
  process.exit(1);
});
