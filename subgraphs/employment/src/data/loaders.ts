import { rowByCitizen, rowsByCitizen, rowsByGoal, selectRows, type OutcomesCohort } from '@oneplan/kit';
import type { EmploymentActivity, EmploymentStatus, PrismaClient } from '../../generated/prisma';
import { countJobReadiness } from './job-readiness';

/**
 * Per-request loaders: the only reads of the employment database, one query per
 * tick, hand-written as they run on every request (see selectRows).
 */
export function createEmploymentLoaders(prisma: PrismaClient) {
  return {
    statusByCitizen: rowByCitizen(
      selectRows<EmploymentStatus>(prisma, 'SELECT * FROM "EmploymentStatus" WHERE "citizenId" = ANY($1::uuid[])'),
    ),
    activitiesByCitizen: rowsByCitizen(
      selectRows<EmploymentActivity>(
        prisma,
        'SELECT * FROM "EmploymentActivity" WHERE "citizenId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
    activitiesByGoal: rowsByGoal(
      selectRows<EmploymentActivity>(
        prisma,
        'SELECT * FROM "EmploymentActivity" WHERE "goalId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
    /** The outcomes' job readiness of a cohort: one statement for the whole cohort. */
    jobReadinessCounts: (cohort: OutcomesCohort) => countJobReadiness(prisma, cohort),
  };
}

export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
