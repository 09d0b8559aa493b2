import { loaderOfMany } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';

/** Per-request loaders: the only reads of the social database, one query per tick. */
export function createSocialLoaders(prisma: PrismaClient) {
  return {
    measuresByCitizen: loaderOfMany(
      (citizenIds: string[]) =>
        prisma.socialMeasure.findMany({
          where: { citizenId: { in: citizenIds } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
      (measure) => measure.citizenId,
    ),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
