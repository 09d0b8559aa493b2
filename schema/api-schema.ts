import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

/**
 * The schema clients see: the supergraph without federation's machinery
 * (join__/link__ types and directives) and without `@inaccessible` fields — what
 * client code is generated against and what operations are validated against.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}
