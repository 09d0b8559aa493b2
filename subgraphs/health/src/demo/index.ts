import { departmentDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoHealth } from './health';

/** The health department's part of the demo cohort: services and conditions. */
export const healthDemo = departmentDemo(demoHealth, {
  services: { model: (prisma: PrismaClient) => prisma.healthService, rows: (part) => part.services },
  conditions: { model: (prisma: PrismaClient) => prisma.healthCondition, rows: (part) => part.conditions },
});
