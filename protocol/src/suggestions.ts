import type { GraphQLError } from 'graphql';

/** graphql-js's didYouMean tail: ` Did you mean "a", "b", or "c"?`, also ` Did you mean the enum value "X"?`. */
const SUGGESTION = / Did you mean .+\?$/;

/** The message without graphql-js's suggestion, which names parts of the schema the caller did not ask about. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * No suggestions of any kind in production (contract, "Trust hardening"), in two
 * parts for an Apollo Server's options: graphql-js's own `hideSuggestions` for
 * validation (fields, arguments, types, enum literals), and a plugin for what
 * graphql-js is never told to hide — variables coerced by `execute` in a subgraph
 * and by Apollo Gateway's own variable check ("…enum. Did you mean the enum value …?").
 * The plugin is typed by its shape, as this package does not depend on Apollo.
 */
export function suggestionsHidden(production: boolean) {
  const plugin = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }: { errors: readonly GraphQLError[] }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
  return { validationOptions: { hideSuggestions: production }, plugins: production ? [plugin] : [] };
}
