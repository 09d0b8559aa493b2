import { departmentDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoEmployment } from './employment';

/** The employment department's part of the demo cohort: statuses, their history of job readiness, and activities. */
export const employmentDemo = departmentDemo(demoEmployment, {
  statuses: { model: (prisma: PrismaClient) => prisma.employmentStatus, rows: (part) => (part.status ? [part.status] : []) },
  readinessChanges: { model: (prisma: PrismaClient) => prisma.jobReadinessChange, rows: (part) => part.readiness },
  activities: { model: (prisma: PrismaClient) => prisma.employmentActivity, rows: (part) => part.activities },
});
