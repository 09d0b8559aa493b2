export { openHealthDatabase, type HealthDatabase } from './data/database';
export { seedHealth, seedHealthIfEmpty } from './seed';
export { serveHealth, HEALTH_SCHEMA } from './subgraph';
