import { openSubgraphDatabase, type Database, type DatabaseLocation, type PrismaLike } from '@oneplan/kit';
import type { SeededSubgraph } from './subgraphs';

/** One subgraph's database, open on the thread that writes to it, with the demo part it is written by. */
export interface Store {
  subgraph: SeededSubgraph;
  db: Database<PrismaLike>;
}

/** Opens (creating and migrating as needed) a subgraph's database exactly as the subgraph does. */
export async function openStore(subgraph: SeededSubgraph, location: DatabaseLocation): Promise<Store> {
  return { subgraph, db: await openSubgraphDatabase(subgraph, location) };
}
