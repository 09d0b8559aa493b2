import { rowsByCitizen, rowsByGoal } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the social database, one query per tick. */
export function createSocialLoaders(prisma: PrismaClient) {
  return {
    measuresByCitizen: rowsByCitizen((where) =>
      prisma.socialMeasure.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
    measuresByGoal: rowsByGoal((where) =>
      prisma.socialMeasure.findMany({ where, orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] }),
    ),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
