import { join } from 'node:path';
import { subgraphServer } from '@oneplan/kit';
import { createHealthContext } from './context';
import { resolvers } from './resolvers';

export const HEALTH_SCHEMA = join(__dirname, '../schema.graphql');

/** Serves the health subgraph on `port` (0 picks a free one). */
export const serveHealth = subgraphServer({
  name: 'health',
  schemaPath: HEALTH_SCHEMA,
  resolvers,
  createContext: createHealthContext,
});
