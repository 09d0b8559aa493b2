import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatAST, parse, type DocumentNode } from 'graphql';

/** The part of the graph every subgraph shares: the access log's types, common enums and scalars, `@category`. */
export const SHARED_SCHEMA_PATH = join(__dirname, '../schema/shared.graphql');

/**
 * A subgraph's whole schema: its own `schema.graphql`, the kit's shared part, and
 * what the kit adds for this subgraph (a department's `Citizen` and `Goal` extensions).
 */
export function subgraphTypeDefs(subgraph: { schemaPath: string; kitTypeDefs?: string | undefined }): DocumentNode {
  return concatAST([
    parse(readFileSync(subgraph.schemaPath, 'utf8')),
    parse(readFileSync(SHARED_SCHEMA_PATH, 'utf8')),
    ...(subgraph.kitTypeDefs ? [parse(subgraph.kitTypeDefs)] : []),
  ]);
}
