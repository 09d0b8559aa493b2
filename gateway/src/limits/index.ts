export { armorProtection } from './armor';
export { bodyRefusal, jsonBody } from './body-size';
export {
  DEFAULT_LIMITS,
  DEFAULT_RATE_LIMIT,
  limitsFromEnv,
  rateLimitFromEnv,
  trustProxyFromEnv,
  type LimitsConfig,
  type RateLimitConfig,
} from './limits-config';
export { listCostEstimator, queryCostLimit } from './query-cost';
export { createCallerRateLimit, type CallerRateLimit, type RateLimitedCaller } from './rate-limit';
