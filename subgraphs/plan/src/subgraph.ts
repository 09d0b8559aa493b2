import { join } from 'node:path';
import { subgraphServer } from '@oneplan/kit';
import { createPlanContext } from './context';
import { resolvers } from './resolvers';

export const PLAN_SCHEMA = join(__dirname, '../schema.graphql');

/** Serves the plan subgraph on `port` (0 picks a free one). */
export const servePlan = subgraphServer({
  name: 'plan',
  schemaPath: PLAN_SCHEMA,
  resolvers,
  createContext: createPlanContext,
});
