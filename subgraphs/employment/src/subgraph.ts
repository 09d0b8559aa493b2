import { join } from 'node:path';
import { subgraphServer } from '@oneplan/kit';
import { createEmploymentContext } from './context';
import { resolvers } from './resolvers';

export const EMPLOYMENT_SCHEMA = join(__dirname, '../schema.graphql');

/** Serves the employment subgraph on `port` (0 picks a free one). */
export const serveEmployment = subgraphServer({
  name: 'employment',
  schemaPath: EMPLOYMENT_SCHEMA,
  resolvers,
  createContext: createEmploymentContext,
});
