import { departmentDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoSocial } from './social';

/** The social department's part of the demo cohort: its measures. */
export const socialDemo = departmentDemo(demoSocial, {
  measures: { model: (prisma: PrismaClient) => prisma.socialMeasure, rows: (part) => part.measures },
});
