import { departmentDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoEmployment } from './employment';

/** The employment department's part of the demo cohort: statuses and activities. */
export const employmentDemo = departmentDemo(demoEmployment, {
  statuses: { model: (prisma: PrismaClient) => prisma.employmentStatus, rows: (part) => (part.status ? [part.status] : []) },
  activities: { model: (prisma: PrismaClient) => prisma.employmentActivity, rows: (part) => part.activities },
});
