import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, isListType } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { limitExceeded } from '../errors';
import type { LimitsConfig } from './limits-config';

/**
 * Each field costs 1 plus what it selects; a field with a `first:` argument (a
 * list or a Relay connection, default values included) selects that many times,
 * and a list without one is assumed to hold `assumedListSize` items, except a
 * connection's `edges`, already counted by the connection's `first:`.
 */
export function listCostEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const first: unknown = args.first;
    if (typeof first === 'number') return 1 + childComplexity * Math.max(first, 0);
    const countedByConnection = type.name.endsWith('Connection');
    if (isListType(getNullableType(field.type)) && !countedByConnection) return 1 + childComplexity * assumedListSize;
    return 1 + childComplexity;
  };
}

/**
 * Refuses an operation whose cost exceeds the cap before any subgraph is called.
 * A plugin rather than a validation rule, because `first: $n` needs the
 * variables, which validation rules never see.
 */
export function queryCostLimit(limits: Pick<LimitsConfig, 'maxCost' | 'assumedListSize'>): ApolloServerPlugin {
  const estimators = [listCostEstimator(limits.assumedListSize)];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName,
              estimators,
            });
          } catch (error) {
            // Variables that do not fit their types: the client's mistake, in graphql-js's words.
            throw limitExceeded(error instanceof GraphQLError ? error.message : 'The query cost could not be computed.');
          }
          if (cost > limits.maxCost) {
            throw limitExceeded(`The query costs ${cost}, more than the limit of ${limits.maxCost}.`);
          }
        },
      };
    },
  };
}
