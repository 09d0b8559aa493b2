import DataLoader from 'dataloader';
import { manyByKey } from '@oneplan/kit';
import type { HealthCondition, HealthService, PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the health database, one query per tick. */
export function createHealthLoaders(prisma: PrismaClient) {
  return {
    servicesByCitizen: new DataLoader<string, HealthService[]>(async (citizenIds) =>
      manyByKey(
        citizenIds,
        await prisma.healthService.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
        (s) => s.citizenId,
      ),
    ),
    conditionsByCitizen: new DataLoader<string, HealthCondition[]>(async (citizenIds) =>
      manyByKey(
        citizenIds,
        await prisma.healthCondition.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
        }),
        (c) => c.citizenId,
      ),
    ),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
