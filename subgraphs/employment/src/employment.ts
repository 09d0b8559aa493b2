import { join } from 'node:path';
import { defineDepartment, type ContextOf } from '@oneplan/kit';
import { PrismaClient } from '../generated/prisma';
import { createEmploymentLoaders, type EmploymentLoaders } from './data/loaders';
import { createEmploymentWrites, type EmploymentWrites } from './data/writes';
import { employmentDemo } from './demo';
import { employmentMutations } from './resolvers/mutation';
import { employmentOutcomes } from './resolvers/outcomes';

/**
 * The employment department's subgraph (the jobcenter, lov om en aktiv
 * beskæftigelsesindsats): employment status and activities, in its own database.
 */
export const employment = defineDepartment({
  name: 'employment',
  port: 4002,
  folder: join(__dirname, '..'),
  createClient: (options) => new PrismaClient(options),
  loaders: createEmploymentLoaders,
  writes: createEmploymentWrites,
  record: {
    field: 'employment',
    type: 'EmploymentRecord',
    categories: {
      status: { category: 'EMPLOYMENT_STATUS', loader: 'statusByCitizen' },
      activities: { category: 'EMPLOYMENT_ACTIVITIES', loader: 'activitiesByCitizen' },
    },
  },
  efforts: {
    type: 'EmploymentActivity',
    table: 'EmploymentActivity',
    goalField: 'employmentActivities',
    category: 'EMPLOYMENT_ACTIVITIES',
    loader: 'activitiesByGoal',
  },
  // A job-readiness assessment is an act for the citizen too.
  otherActs: [{ table: 'JobReadinessChange', on: 'changedOn' }],
  outcomes: employmentOutcomes,
  mutations: employmentMutations,
  demo: employmentDemo,
});

export type EmploymentContext = ContextOf<EmploymentLoaders, EmploymentWrites>;
