import { departmentContextFactory, type DepartmentContext, type Logger } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';
import { createHealthLoaders, type HealthLoaders } from './data/loaders';
import { createHealthWrites, type HealthWrites } from './data/writes';

export type HealthContext = DepartmentContext<HealthLoaders, HealthWrites>;

export function createHealthContext(prisma: PrismaClient, logger: Logger) {
  const writes = createHealthWrites(prisma);
  return departmentContextFactory({
    department: 'HEALTH',
    createLoaders: () => createHealthLoaders(prisma),
    writes,
    prisma,
    logger,
  });
}
