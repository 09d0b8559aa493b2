import { departmentContextFactory, type DepartmentContext, type Logger } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';
import { createEmploymentLoaders, type EmploymentLoaders } from './data/loaders';
import { createEmploymentWrites, type EmploymentWrites } from './data/writes';

export type EmploymentContext = DepartmentContext<EmploymentLoaders, EmploymentWrites>;

export function createEmploymentContext(prisma: PrismaClient, logger: Logger) {
  const writes = createEmploymentWrites(prisma);
  return departmentContextFactory({
    department: 'EMPLOYMENT',
    createLoaders: () => createEmploymentLoaders(prisma),
    writes,
    prisma,
    logger,
  });
}
