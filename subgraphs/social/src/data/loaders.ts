import { rowsByCitizen, rowsByGoal, selectRows } from '@oneplan/kit';
import type { PrismaClient, SocialMeasure } from '../../generated/prisma';

/**
 * Per-request loaders: the only reads of the social database, one query per
 * tick, hand-written as they run on every request (see selectRows).
 */
export function createSocialLoaders(prisma: PrismaClient) {
  return {
    measuresByCitizen: rowsByCitizen(
      selectRows<SocialMeasure>(
        prisma,
        'SELECT * FROM "SocialMeasure" WHERE "citizenId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
    measuresByGoal: rowsByGoal(
      selectRows<SocialMeasure>(
        prisma,
        'SELECT * FROM "SocialMeasure" WHERE "goalId" = ANY($1::uuid[]) ORDER BY "startsOn" DESC, id',
      ),
    ),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
