import { rowsByCitizen, rowsByGoal } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the health database, one query per tick. */
export function createHealthLoaders(prisma: PrismaClient) {
  return {
    servicesByCitizen: rowsByCitizen((where) =>
      prisma.healthService.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
    servicesByGoal: rowsByGoal((where) =>
      prisma.healthService.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
    // Latest onset first, unknown onset last.
    conditionsByCitizen: rowsByCitizen((where) =>
      prisma.healthCondition.findMany({ where, orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] }),
    ),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
