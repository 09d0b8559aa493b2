import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, internalError } from '@oneplan/protocol';
import type { AccessLog, ResponsePath } from './access-log';

interface WithAccessLog {
  accessLog?: AccessLog;
}

const startsWith = (path: readonly (string | number)[] | undefined, prefix: ResponsePath) =>
  path !== undefined && prefix.length <= path.length && prefix.every((key, i) => path[i] === key);

/** Sets the value at `path` to null, if the answer reached that far. */
function nullAt(data: Record<string, unknown> | null | undefined, path: ResponsePath): void {
  let parent: unknown = data;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return;
    parent = (parent as Record<string | number, unknown>)[key];
  }
  if (typeof parent === 'object' && parent !== null) (parent as Record<string | number, unknown>)[path[path.length - 1]!] = null;
}

/**
 * The answer waits for the records of what it reveals (`AccessLog.recordBeforeAnswer`):
 * a field that reveals a citizen or reads a category goes on to its children
 * while its record is written, and the answer leaves only once it is. A field whose record could not
 * be written carries nothing: null, with an INTERNAL_SERVER_ERROR at its path in
 * place of any error below it — what it answered when it waited for the record
 * itself. Run after execution and before the answer is sent, so that the
 * metrics plugin counts the answer as it leaves.
 */
export function recordedBeforeAnswer(): ApolloServerPlugin<WithAccessLog> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.accessLog?.holdAnswer();
      return {
        async executionDidStart(requestContext: GraphQLRequestContext<WithAccessLog>) {
          return {
            async executionDidEnd() {
              const failed = (await requestContext.contextValue.accessLog?.unrecordedPaths()) ?? [];
              if (failed.length === 0) return;
              // A failed field inside another failed field is gone with it.
              const unrecorded = failed.filter(
                (path) => !failed.some((outer) => outer.length < path.length && startsWith(path, outer)),
              );
              const { body } = requestContext.response;
              const result = body?.kind === 'single' ? body.singleResult : body?.initialResult;
              if (!result) return;
              for (const path of unrecorded) nullAt(result.data, path);
              const kept = (result.errors ?? []).filter((error) => !unrecorded.some((path) => startsWith(error.path, path)));
              const withheld: GraphQLFormattedError[] = unrecorded.map((path) => ({
                message: internalError().message,
                path: [...path],
                extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
              }));
              (result as { errors?: readonly GraphQLFormattedError[] }).errors = [...kept, ...withheld];
            },
          };
        },
      };
    },
  };
}
