import { join } from 'node:path';
import { employment } from '@oneplan/employment';
import { health } from '@oneplan/health';
import { plan } from '@oneplan/plan';
import { social } from '@oneplan/social';

/**
 * The registry: the subgraphs that make the one graph. `npm start`, the seed,
 * the bench, composition and the tests read this list and nothing else; each
 * module says its own name, port, contract, database and demo data. Adding a
 * department is its folder and one line here.
 */
export const SUBGRAPHS = [plan, employment, social, health] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The committed build artefact of `npm run compose`, which the gateway loads. */
export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');

/** Where a subgraph listens by default, as the supergraph records it (the gateway's env overrides it). */
export function defaultUrl(subgraph: { port: number }): string {
  return `http://127.0.0.1:${subgraph.port}/graphql`;
}

type Registered = (typeof SUBGRAPHS)[number];

/** A registered subgraph by name, with its own types (its database client, its loaders). */
export function subgraphNamed<N extends Registered['name']>(name: N): Extract<Registered, { name: N }> {
  const found = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`no subgraph named ${name} is registered`);
  return found as Extract<Registered, { name: N }>;
}
