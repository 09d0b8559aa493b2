import { createLogger, runSubgraph, subgraphConfig } from '@oneplan/kit';
import { openSocialDatabase } from './data/database';
import { seedSocialIfEmpty } from './seed';
import { serveSocial } from './subgraph';

const logger = createLogger('social');

runSubgraph({
  name: 'social',
  config: subgraphConfig('social', 4003),
  logger,
  open: openSocialDatabase,
  seedIfEmpty: (db) => seedSocialIfEmpty(db.prisma),
  serve: (db, port) => serveSocial(db, port, logger),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'social subgraph failed to start');
  process.exit(1);
});
