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

/** How often one caller may ask the graph (rate-limit.ts); `0` turns a limit off. */
export interface RateLimitConfig {
  /** Requests per second per verified caller, keyed by the token's `sub`. */
  perSecond: number;
  /** Requests per second per client address, for requests without a valid token. */
  ipPerSecond: number;
  /** Redis that every gateway replica counts in; absent, this process counts alone. */
  redisUrl?: string;
  /** Prefix of every key the counts are kept under, so several deployments may share one Redis. */
  keyPrefix: string;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitConfig> = {
  // A frontend page asks a handful of operations at once; 20 a second leaves room for that and stops a loop.
  perSecond: 20,
  // A client without a valid token can do nothing but be refused: a few retries a second are plenty.
  ipPerSecond: 10,
  keyPrefix: 'oneplan:rl',
};

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0: no limit), got "${raw}"`);
  return value;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  const redisUrl = env.ONEPLAN_RATE_LIMIT_REDIS_URL || undefined;
  // The URL may hold a password, so it is never repeated in the message.
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new Error('ONEPLAN_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL');
  const keyPrefix = env.ONEPLAN_RATE_LIMIT_PREFIX || DEFAULT_RATE_LIMIT.keyPrefix;
  if (!/^[\w:.-]+$/.test(keyPrefix)) throw new Error('ONEPLAN_RATE_LIMIT_PREFIX may hold only letters, digits and _ : . -');
  return {
    perSecond: nonNegativeInteger(env, 'ONEPLAN_RATE_LIMIT_PER_SECOND', DEFAULT_RATE_LIMIT.perSecond),
    ipPerSecond: nonNegativeInteger(env, 'ONEPLAN_RATE_LIMIT_IP_PER_SECOND', DEFAULT_RATE_LIMIT.ipPerSecond),
    ...(redisUrl ? { redisUrl } : {}),
    keyPrefix,
  };
}

/**
 * `ONEPLAN_TRUST_PROXY`: Express's `trust proxy`, which decides whose address a request is (and so which
 * per-address limit it counts against). Unset, the connection's own address, and `X-Forwarded-For` is ignored.
 * A number trusts that many proxies in front; otherwise the proxies' addresses or subnets, comma-separated
 * (`loopback`, `10.0.0.0/8`, …). `true` is refused: it would let any client name its own address.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): number | string | undefined {
  const raw = env.ONEPLAN_TRUST_PROXY?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') {
    throw new Error('ONEPLAN_TRUST_PROXY must be the number of proxies in front or their addresses, not true/false');
  }
  return raw;
}
