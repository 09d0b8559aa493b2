import type { ApolloServerPlugin } from '@apollo/server';
import { clientMistake } from './errors';

/**
 * Refuses, before any subgraph is asked, a request that names no operation the
 * gateway can run: several operations without `operationName`, an unknown
 * `operationName`, or a subscription (the graph has none, and none over HTTP).
 * Apollo Gateway would otherwise throw from its executor, which Apollo Server
 * answers as a 500; the client's mistake is a 400 BAD_USER_INPUT (contract,
 * "Trust hardening").
 */
export function operationSelection(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          // Validation has refused a document without operations, so none resolved means one of these two.
          if (!operation) {
            throw clientMistake(
              request.operationName
                ? `Unknown operation named "${request.operationName}".`
                : 'Must provide operation name if query contains multiple operations.',
            );
          }
          if (operation.operation === 'subscription') {
            throw clientMistake('Subscriptions are not supported: send a query or a mutation.');
          }
        },
      };
    },
  };
}
