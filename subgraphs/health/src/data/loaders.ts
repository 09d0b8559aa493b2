import { rowsByCitizen, rowsByGoal, selectRows } from '@oneplan/kit';
import type { HealthCondition, HealthService, PrismaClient } from '../../generated/prisma';

/**
 * Per-request loaders: the only reads of the health database, one query per
 * tick, hand-written as they run on every request (see selectRows).
 */
export function createHealthLoaders(prisma: PrismaClient) {
  return {
    servicesByCitizen: rowsByCitizen(
      selectRows<HealthService>(
        prisma,
        'SELECT * FROM "HealthService" WHERE "citizenId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
    servicesByGoal: rowsByGoal(
      selectRows<HealthService>(
        prisma,
        'SELECT * FROM "HealthService" WHERE "goalId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
    // Latest onset first, unknown onset last.
    conditionsByCitizen: rowsByCitizen(
      selectRows<HealthCondition>(
        prisma,
        'SELECT * FROM "HealthCondition" WHERE "citizenId" = ANY($1::uuid[]) ORDER BY since DESC NULLS LAST, id',
      ),
    ),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
