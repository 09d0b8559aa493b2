import { tryParseJSONC, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { useEffect } from 'react';

/** Long enough that a token typed or pasted in is whole before the schema is asked for with it. */
const SETTLED_MS = 400;

/**
 * The gateway answers nothing without a valid token, introspection included, so the schema (and its
 * docs) cannot load before the user puts one in the headers. GraphiQL asks only once, on load: this asks
 * again whenever the Authorization header changes while there is no schema yet.
 */
export function SchemaFollowsToken(): null {
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const hasSchema = useGraphiQL((state) => Boolean(state.schema));
  const { introspect } = useGraphiQLActions();

  useEffect(() => {
    if (!headerEditor || hasSchema) return;
    const authorization = () => {
      try {
        return tryParseJSONC(headerEditor.getValue())?.Authorization;
      } catch {
        return undefined;
      }
    };
    let asked = authorization();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = headerEditor.onDidChangeModelContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = authorization();
        if (now === undefined || now === asked) return;
        asked = now;
        void introspect();
      }, SETTLED_MS);
    });
    return () => {
      clearTimeout(timer);
      changed.dispose();
    };
  }, [headerEditor, hasSchema, introspect]);

  return null;
}
