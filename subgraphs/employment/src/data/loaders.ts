import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '@oneplan/kit';
import type { EmploymentActivity, EmploymentStatus, PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the employment database, one query per tick. */
export function createEmploymentLoaders(prisma: PrismaClient) {
  return {
    statusByCitizen: new DataLoader<string, EmploymentStatus | null>(async (citizenIds) =>
      oneByKey(
        citizenIds,
        await prisma.employmentStatus.findMany({ where: { citizenId: { in: [...citizenIds] } } }),
        (s) => s.citizenId,
      ),
    ),
    activitiesByCitizen: new DataLoader<string, EmploymentActivity[]>(async (citizenIds) =>
      manyByKey(
        citizenIds,
        await prisma.employmentActivity.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
        (a) => a.citizenId,
      ),
    ),
  };
}

export type EmploymentLoaders = ReturnType<typeof createEmploymentLoaders>;
