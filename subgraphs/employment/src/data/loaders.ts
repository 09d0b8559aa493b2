import { rowByCitizen, rowsByCitizen, rowsByGoal } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

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
  };
}

export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
