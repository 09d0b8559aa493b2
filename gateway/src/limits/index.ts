export { armorProtection } from './armor';
export { bodyRefusal, jsonBody } from './body-size';
export { DEFAULT_LIMITS, limitsFromEnv, type LimitsConfig } from './limits-config';
export { listCostEstimator, queryCostLimit } from './query-cost';
