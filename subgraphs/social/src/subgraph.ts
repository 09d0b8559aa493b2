import { join } from 'node:path';
import { subgraphServer } from '@oneplan/kit';
import { createSocialContext } from './context';
import { resolvers } from './resolvers';

export const SOCIAL_SCHEMA = join(__dirname, '../schema.graphql');

/** Serves the social subgraph on `port` (0 picks a free one). */
export const serveSocial = subgraphServer({
  name: 'social',
  schemaPath: SOCIAL_SCHEMA,
  resolvers,
  createContext: createSocialContext,
});
