import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNullableType,
  getVariableValues,
  isListType,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
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
 * Whether no variable can change what `listCostEstimator` gives the operation:
 * every variable is declared non-null (so, once its value is accepted, no
 * argument it fills can fail to coerce), and none is in a `first:` argument or
 * a directive (`@include`/`@skip`), the only places the count reads. Whoever
 * makes the estimator read another argument must name it here too.
 */
function costIsConstant(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.variableDefinitions?.some((definition) => definition.type.kind !== Kind.NON_NULL_TYPE)) return false;
  let counted = 0;
  let constant = true;
  const within = { enter: () => void (counted += 1), leave: () => void (counted -= 1) };
  visit(document, {
    Argument: {
      enter: (argument) => void (argument.name.value === 'first' && (counted += 1)),
      leave: (argument) => void (argument.name.value === 'first' && (counted -= 1)),
    },
    Directive: within,
    Variable: () => {
      if (counted === 0) return undefined;
      constant = false;
      return BREAK;
    },
  });
  return constant;
}

/**
 * Refuses an operation whose cost exceeds the cap before any subgraph is called.
 * A plugin rather than a validation rule, because `first: $n` needs the
 * variables, which validation rules never see.
 *
 * The count walks the document with graphql-js's TypeInfo: 5–7 % of the
 * gateway's CPU under the overview bench when made on every request. Apollo
 * Server hands each request with the same text the same parsed document, so
 * an operation whose cost no variable can change is counted once per schema
 * and document; each request's variables are still checked against their types,
 * as the count did.
 */
export function queryCostLimit(limits: Pick<LimitsConfig, 'maxCost' | 'assumedListSize'>): ApolloServerPlugin {
  const estimators = [listCostEstimator(limits.assumedListSize)];
  const known = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, number>>();

  function costOf(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    variables: Record<string, unknown>,
    operationName: string | undefined,
  ): number {
    const counted = operation ? known.get(schema)?.get(operation) : undefined;
    if (counted !== undefined && operation) {
      // The count's own words for the same mistake: the last error it met.
      const mistake = getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors?.at(-1);
      if (mistake) throw mistake;
      return counted;
    }
    const cost = getComplexity({ schema, query: document, variables, operationName, estimators });
    if (operation && costIsConstant(document, operation)) {
      let bySchema = known.get(schema);
      if (!bySchema) known.set(schema, (bySchema = new WeakMap()));
      bySchema.set(operation, cost);
    }
    return cost;
  }

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          let cost: number;
          try {
            cost = costOf(schema, document, operation, request.variables ?? {}, request.operationName);
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
