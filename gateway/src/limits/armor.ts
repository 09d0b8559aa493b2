import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { LimitsConfig } from './limits-config';

/**
 * graphql-armor's depth, alias and directive limits (validation rules that Apollo
 * Server 5 runs against the gateway's API schema; armor reports each refusal as
 * BAD_USER_INPUT). Three of its protections are refused: its cost limit, because it
 * does not multiply lists by `first:` (see query-cost.ts); its Apollo max-tokens
 * plugin, because it turns every unexpected error into a validation error
 * (graphql-js's own `maxTokens` parse option does that job instead); and its
 * masking of field suggestions, which misses enum values ("Did you mean the enum
 * value …?"): suggestionsHidden (protocol) hides them all, with graphql-js's own option where it has one.
 */
export function armorProtection(limits: LimitsConfig) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules };
}
