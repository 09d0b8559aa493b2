/** How much one request may ask of the graph; every number configurable by env. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Cost as query-cost.ts counts it: each field 1, lists multiplied by `first:`. */
  maxCost: number;
  /** The size assumed for a list field that takes no `first:` argument. */
  assumedListSize: number;
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: Readonly<LimitsConfig> = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  // The plan overview of a full page (100 citizens, every record) costs about 14,600.
  maxCost: 25_000,
  assumedListSize: 5,
  maxBodyBytes: 100_000,
};

const ENV_NAMES: Readonly<Record<keyof LimitsConfig, string>> = {
  maxDepth: 'ONEPLAN_MAX_QUERY_DEPTH',
  maxAliases: 'ONEPLAN_MAX_QUERY_ALIASES',
  maxDirectives: 'ONEPLAN_MAX_QUERY_DIRECTIVES',
  maxTokens: 'ONEPLAN_MAX_QUERY_TOKENS',
  maxCost: 'ONEPLAN_MAX_QUERY_COST',
  assumedListSize: 'ONEPLAN_ASSUMED_LIST_SIZE',
  maxBodyBytes: 'ONEPLAN_MAX_BODY_BYTES',
};

export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  const entries = Object.entries(ENV_NAMES) as [keyof LimitsConfig, string][];
  return Object.fromEntries(
    entries.map(([key, name]) => [key, positiveInteger(env, name, DEFAULT_LIMITS[key])]),
  ) as unknown as LimitsConfig;
}
