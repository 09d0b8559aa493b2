import { DEMO_COHORT_SIZE, demoCitizen, type DemoCitizen } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';

/** Writes the employment department's part of demo citizens, in one transaction. */
export async function seedEmployment(prisma: PrismaClient, citizens: readonly DemoCitizen[]): Promise<void> {
  await prisma.$transaction([
    prisma.employmentStatus.createMany({
      data: citizens.flatMap((c) => (c.employment.status ? [{ ...c.employment.status, citizenId: c.id }] : [])),
    }),
    prisma.employmentActivity.createMany({
      data: citizens.flatMap((c) => c.employment.activities.map((activity) => ({ ...activity, citizenId: c.id }))),
    }),
  ]);
}

/** Seeds the demo cohort's employment records into an empty database. */
export async function seedEmploymentIfEmpty(prisma: PrismaClient): Promise<number> {
  const existing = (await prisma.employmentStatus.count()) + (await prisma.employmentActivity.count());
  if (existing > 0) return 0;
  const cohort = Array.from({ length: DEMO_COHORT_SIZE }, (_, index) => demoCitizen(index));
  await seedEmployment(prisma, cohort);
  return cohort.length;
}
