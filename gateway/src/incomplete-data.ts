import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, internalError } from '@oneplan/protocol';
import type { Logger } from './logger';

interface ValueCompletionError {
  message?: unknown;
  path?: unknown;
}

/**
 * When a subgraph answers null for a non-null field, @apollo/gateway nulls the
 * data and reports why only in `extensions.valueCompletion`, an error without a
 * contract code. This turns each into a masked INTERNAL_SERVER_ERROR at its path.
 */
export function incompleteDataAsErrors(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const { valueCompletion, ...extensions } = result.extensions ?? {};
          if (!Array.isArray(valueCompletion)) return;
          const completions = valueCompletion as ValueCompletionError[];
          logger.error(
            { valueCompletion: completions.map(({ message, path }) => ({ message, path })) },
            'a subgraph answered data that does not fit the schema',
          );
          if (Object.keys(extensions).length > 0) result.extensions = extensions;
          else delete result.extensions;
          result.errors = [
            ...(result.errors ?? []),
            ...completions.map(({ path }) => ({
              message: internalError().message,
              ...(Array.isArray(path) ? { path: path as (string | number)[] } : {}),
              extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
            })),
          ];
        },
      };
    },
  };
}
