import { loaderOfMany, loaderOfOne } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the employment database, one query per tick. */
export function createEmploymentLoaders(prisma: PrismaClient) {
  return {
    statusByCitizen: loaderOfOne(
      (citizenIds: string[]) => prisma.employmentStatus.findMany({ where: { citizenId: { in: citizenIds } } }),
      (status) => status.citizenId,
    ),
    activitiesByCitizen: loaderOfMany(
      (citizenIds: string[]) =>
        prisma.employmentActivity.findMany({
          where: { citizenId: { in: citizenIds } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
      (activity) => activity.citizenId,
    ),
  };
}

export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
