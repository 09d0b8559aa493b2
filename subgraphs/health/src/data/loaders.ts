import { loaderOfMany } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the health database, one query per tick. */
export function createHealthLoaders(prisma: PrismaClient) {
  return {
    servicesByCitizen: loaderOfMany(
      (citizenIds: string[]) =>
        prisma.healthService.findMany({
          where: { citizenId: { in: citizenIds } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
      (service) => service.citizenId,
    ),
    conditionsByCitizen: loaderOfMany(
      (citizenIds: string[]) =>
        prisma.healthCondition.findMany({
          where: { citizenId: { in: citizenIds } },
          orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
        }),
      (condition) => condition.citizenId,
    ),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
