import { subgraphOptionsFromEnv, type DatabaseLocation, type PrismaLike, type SubgraphModule } from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';

/** A registered subgraph, as far as the seed needs it: who it is, its database and its demo part. */
export type SeededSubgraph = Pick<SubgraphModule<PrismaLike>, 'name' | 'port' | 'createClient' | 'migrationsDir' | 'demo'>;

/** The registry's subgraphs, in its order: the seed writes to every one of them. */
export const SEEDED_SUBGRAPHS: readonly SeededSubgraph[] = SUBGRAPHS;

/** The registered subgraph called `name`; the worker thread finds its own this way. */
export function seededSubgraph(name: string): SeededSubgraph {
  const found = SEEDED_SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`no subgraph called ${name} in the registry`);
  return found;
}

/**
 * The one subgraph that keeps the cohort's identity: its citizen count is where
 * a seed resumes, so every chunk reaches it last. Every other one is a
 * department, which must be able to find and discard the records a run left
 * ahead of that count (see leftovers.ts).
 */
export function identityKeeper(subgraphs: readonly SeededSubgraph[]): SeededSubgraph {
  const keepers = subgraphs.filter(({ demo }) => demo.countCitizens);
  if (keepers.length !== 1) {
    throw new Error(
      `exactly one subgraph's demo must count citizens, not ${keepers.map(({ name }) => name).join(', ') || 'none'}`,
    );
  }
  const incomplete = subgraphs.filter(({ demo }) => !demo.countCitizens && (!demo.holdsRecordsOf || !demo.discard));
  if (incomplete.length > 0) {
    throw new Error(
      `the demo of ${incomplete.map(({ name }) => name).join(', ')} must say which records it holds and discard them`,
    );
  }
  return keepers[0]!;
}

/** A subgraph to seed: where its database is, and the port it answers on while running. */
export interface SeedTarget {
  subgraph: SeededSubgraph;
  port: number;
  location: DatabaseLocation;
}

/** Every registered subgraph with its `<NAME>_PORT`, `<NAME>_DATABASE_URL` and data directory, in the registry's order. */
export function seedTargets(env: NodeJS.ProcessEnv = process.env): SeedTarget[] {
  return SEEDED_SUBGRAPHS.map((subgraph) => {
    const { port, databaseUrl, dataDir } = subgraphOptionsFromEnv(subgraph.name, subgraph.port, env);
    return { subgraph, port, location: { databaseUrl, dataDir } };
  });
}

/** Where a database lives, for the header; a URL's password is never printed. */
export function describeLocation(location: DatabaseLocation): string {
  if (!location.databaseUrl) return `PGlite ${location.dataDir}`;
  try {
    const url = new URL(location.databaseUrl);
    return `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
