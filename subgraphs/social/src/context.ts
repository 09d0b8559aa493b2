import { departmentContextFactory, type DepartmentContext, type Logger } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';
import { createSocialLoaders, type SocialLoaders } from './data/loaders';
import { createSocialWrites, type SocialWrites } from './data/writes';

export type SocialContext = DepartmentContext<SocialLoaders, SocialWrites>;

export function createSocialContext(prisma: PrismaClient, logger: Logger) {
  const writes = createSocialWrites(prisma);
  return departmentContextFactory({
    department: 'SOCIAL',
    createLoaders: () => createSocialLoaders(prisma),
    writes,
    prisma,
    logger,
  });
}
