import DataLoader from 'dataloader';
import { manyByKey } from '@oneplan/kit';
import type { PrismaClient, SocialMeasure } from '../../generated/prisma';

/** Per-request loaders: the only reads of the social database, one query per tick. */
export function createSocialLoaders(prisma: PrismaClient) {
  return {
    measuresByCitizen: new DataLoader<string, SocialMeasure[]>(async (citizenIds) =>
      manyByKey(
        citizenIds,
        await prisma.socialMeasure.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
        }),
        (m) => m.citizenId,
      ),
    ),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
