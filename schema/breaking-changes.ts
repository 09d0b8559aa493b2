import { composeServices } from '@apollo/composition';
import { buildSubgraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { apiSchemaSdl } from './api-schema';

/** How a change affects the clients of a schema: BREAKING ones fail the check. */
export type Severity = 'BREAKING' | 'DANGEROUS' | 'SAFE';

/** One difference between the base and the current schema, named by the schema it is in (`supergraph` or a subgraph). */
export interface SchemaChange {
  schema: string;
  severity: Severity;
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  message: string;
}

/** A subgraph's whole SDL: its own `schema.graphql` with the kit's shared part and additions. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface SchemaSides {
  /** The base supergraph, with federation's machinery (it is compared as the API schema clients see). */
  baseSupergraph: string;
  /** Each subgraph's whole SDL at the base; undefined when the subgraphs are not compared. */
  baseSubgraphs: ReadonlyMap<string, string> | undefined;
  /** The subgraphs as they are now; the current supergraph is composed from them. */
  subgraphs: readonly SubgraphSdl[];
  /** The supergraph file as it stands, to say whether it is stale against the composition. */
  committedSupergraph?: string;
}

/** What the comparison found: the changes, problems that fail the check on their own, and notes. */
export interface SchemaComparison {
  changes: SchemaChange[];
  problems: string[];
  notes: string[];
}

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/** Composes subgraphs as `npm run compose` does; the supergraph SDL, or every composition error. */
export function composeSubgraphs(subgraphs: readonly SubgraphSdl[]): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) return { errors: result.errors.map((error) => error.message) };
  return { supergraphSdl: result.supergraphSdl };
}

/** The API schema of a supergraph: what clients query, without join__/link__ machinery or `@inaccessible` parts. */
function apiSchema(supergraphSdl: string): GraphQLSchema {
  return buildSchema(apiSchemaSdl(supergraphSdl));
}

/** A subgraph's schema with federation's directive definitions added, as the gateway sees it (`@inaccessible` parts included). */
function subgraphSchema(name: string, sdl: string): GraphQLSchema {
  return buildSubgraph(name, 'http://subgraph.invalid/graphql', sdl).validate().schema.toGraphQLJSSchema();
}

async function changesIn(schema: string, before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(before, after);
  return changes.map((change) => ({
    schema,
    severity: SEVERITY[change.criticality.level],
    type: change.type,
    message: change.message,
  }));
}

/** Whether the comparison fails the check: a breaking change, or a schema that could not be built or composed. */
export function failsCheck(comparison: SchemaComparison): boolean {
  return comparison.problems.length > 0 || comparison.changes.some((change) => change.severity === 'BREAKING');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** A supergraph file less its leading comment lines (the header `npm run compose` writes). */
function withoutHeader(supergraphSdl: string): string {
  return supergraphSdl.replace(/^(#[^\n]*\n)+/, '').trim();
}

/**
 * Compares each subgraph and the supergraph composed from them now with the base,
 * classifying every change by graphql-inspector's criticality. A schema that
 * cannot be built or composed is a problem, not a pass: the check fails closed.
 */
export async function breakingChanges(sides: SchemaSides): Promise<SchemaComparison> {
  const comparison: SchemaComparison = { changes: [], problems: [], notes: [] };

  if (sides.baseSubgraphs) {
    for (const { name, sdl } of sides.subgraphs) {
      const baseSdl = sides.baseSubgraphs.get(name);
      if (baseSdl === undefined) {
        comparison.notes.push(`${name}: a new subgraph, not in the base`);
        continue;
      }
      let current: GraphQLSchema;
      try {
        current = subgraphSchema(name, sdl);
      } catch (error) {
        comparison.problems.push(`${name}: the schema is invalid: ${firstLine(error)}`);
        continue;
      }
      let base: GraphQLSchema;
      try {
        base = subgraphSchema(name, baseSdl);
      } catch (error) {
        // An old base may not build with today's kit part; the supergraph's comparison still covers what clients see.
        comparison.notes.push(`${name}: not compared, its base does not build with today's kit part: ${firstLine(error)}`);
        continue;
      }
      comparison.changes.push(...(await changesIn(name, base, current)));
    }
  }

  const composed = composeSubgraphs(sides.subgraphs);
  if ('errors' in composed) {
    comparison.problems.push(...composed.errors.map((error) => `supergraph: composition failed: ${error}`));
    return comparison;
  }
  let base: GraphQLSchema;
  try {
    base = apiSchema(sides.baseSupergraph);
  } catch (error) {
    comparison.problems.push(`supergraph: the base is not a supergraph: ${firstLine(error)}`);
    return comparison;
  }
  const current = apiSchema(composed.supergraphSdl);
  comparison.changes.push(...(await changesIn('supergraph', base, current)));

  if (sides.committedSupergraph !== undefined && withoutHeader(sides.committedSupergraph) !== composed.supergraphSdl.trim()) {
    comparison.notes.push('schema/supergraph.graphql is stale against the subgraph schemas: run `npm run compose` and commit it');
  }
  return comparison;
}
