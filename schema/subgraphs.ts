import { join } from 'node:path';

/**
 * The composition config: which subgraphs make the one graph, where their
 * contract (`schema.graphql`) lives, and where each listens by default. The
 * gateway reads the URLs from the composed supergraph and lets env override them.
 */
export const SUBGRAPHS = [
  { name: 'plan', port: 4001 },
  { name: 'employment', port: 4002 },
  { name: 'social', port: 4003 },
  { name: 'health', port: 4004 },
].map(({ name, port }) => ({
  name,
  schemaPath: join(__dirname, '..', 'subgraphs', name, 'schema.graphql'),
  url: `http://127.0.0.1:${port}/graphql`,
}));

export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');
