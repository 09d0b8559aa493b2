import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { LimitsConfig } from './limits-config';

/**
 * graphql-armor's depth, alias and directive limits (validation rules that Apollo
 * Server 5 runs against the gateway's API schema; armor reports each refusal as
 * BAD_USER_INPUT) and, in production, its masking of "Did you mean …" field
 * suggestions. Two of its protections are refused: its cost limit, because it
 * does not multiply lists by `first:` (see query-cost.ts), and its Apollo
 * max-tokens plugin, because it turns every unexpected error into a validation
 * error; graphql-js's own `maxTokens` parse option does that job instead.
 */
export function armorProtection(limits: LimitsConfig, production: boolean) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins, validationRules };
}
