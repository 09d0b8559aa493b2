import { join } from 'node:path';
import { defineDepartment, type ContextOf } from '@oneplan/kit';
import { PrismaClient } from '../generated/prisma';
import { createHealthLoaders, type HealthLoaders } from './data/loaders';
import { createHealthWrites, type HealthWrites } from './data/writes';
import { healthDemo } from './demo';
import { healthMutations } from './resolvers/mutation';

/**
 * The health department's subgraph: health services and conditions, both
 * special categories of personal data (GDPR art. 9), in its own database.
 */
export const health = defineDepartment({
  name: 'health',
  port: 4004,
  folder: join(__dirname, '..'),
  createClient: (options) => new PrismaClient(options),
  loaders: createHealthLoaders,
  writes: createHealthWrites,
  record: {
    field: 'health',
    type: 'HealthRecord',
    categories: {
      services: { category: 'HEALTH_SERVICES', loader: 'servicesByCitizen' },
      conditions: { category: 'HEALTH_CONDITIONS', loader: 'conditionsByCitizen' },
    },
  },
  efforts: {
    type: 'HealthService',
    table: 'HealthService',
    goalField: 'healthServices',
    category: 'HEALTH_SERVICES',
    loader: 'servicesByGoal',
  },
  mutations: healthMutations,
  demo: healthDemo,
});

export type HealthContext = ContextOf<HealthLoaders, HealthWrites>;
