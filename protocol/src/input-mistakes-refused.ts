import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { inputLeaves } from './input-leaves';
import { inputMistake } from './input-mistake';

interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation?: OperationDefinitionNode | undefined;
  request: { variables?: Readonly<Record<string, unknown>> | undefined };
}

/**
 * An Apollo Server plugin refusing, once the operation is known and before it
 * runs, any input no oneplan service may take (see inputMistake): HTTP 400,
 * BAD_USER_INPUT naming the field. The gateway runs it so that no subgraph sees
 * such a value; every subgraph runs it again, so that none can reach a database.
 * Typed by its shape, as this package does not depend on Apollo.
 */
export function inputMistakesRefused() {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }: ResolvedOperation) {
          if (!operation) return;
          const mistake = inputMistake(inputLeaves(schema, document, operation, request.variables));
          if (!mistake) return;
          // Apollo Server reads the response status from `extensions.http` and drops it from the body.
          Object.assign(mistake.extensions, { http: { status: 400 } });
          throw mistake;
        },
      };
    },
  };
}
