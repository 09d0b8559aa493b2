import { join } from 'node:path';
import type { Logger } from '../logger';
import type { DatabaseLocation } from '../options';
import type { SubgraphModule } from '../subgraph';
import { openDatabase, type Database, type PrismaLike } from './database';

/** The kit's own migrations (the access log), applied before every subgraph's. */
export const KIT_MIGRATIONS_DIR = join(__dirname, '../../migrations');

/** Opens a subgraph's own database where `location` says, migrated: the kit's migrations, then its own. */
export function openSubgraphDatabase<P extends PrismaLike>(
  module: Pick<SubgraphModule<P>, 'createClient' | 'migrationsDir'>,
  location: DatabaseLocation,
  logger?: Logger,
): Promise<Database<P>> {
  return openDatabase({
    url: location.databaseUrl,
    dataDir: location.dataDir,
    migrations: [{ dir: KIT_MIGRATIONS_DIR, prefix: 'kit/' }, { dir: module.migrationsDir }],
    createClient: module.createClient,
    onConnectionLost: (error) =>
      logger?.warn({ err: error }, 'database connection lost while idle; the next statement reconnects'),
  });
}
