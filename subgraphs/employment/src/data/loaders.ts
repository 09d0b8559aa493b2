import { rowByCitizen, rowsByCitizen, rowsByGoal, type OutcomesCohort } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { countJobReadiness } from './job-readiness';

/** Per-request loaders: the only reads of the employment database, one query per tick. */
export function createEmploymentLoaders(prisma: PrismaClient) {
  return {
    statusByCitizen: rowByCitizen((where) => prisma.employmentStatus.findMany({ where })),
    activitiesByCitizen: rowsByCitizen((where) =>
      prisma.employmentActivity.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
    activitiesByGoal: rowsByGoal((where) =>
      prisma.employmentActivity.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
    /** The outcomes' job readiness of a cohort: one statement for the whole cohort. */
    jobReadinessCounts: (cohort: OutcomesCohort) => countJobReadiness(prisma, cohort),
  };
}

export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
