import { DEMO_COHORT_SIZE, demoCitizen, type DemoCitizen } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';

/** Writes the health department's part of demo citizens, in one transaction. */
export async function seedHealth(prisma: PrismaClient, citizens: readonly DemoCitizen[]): Promise<void> {
  await prisma.$transaction([
    prisma.healthService.createMany({
      data: citizens.flatMap((c) => c.health.services.map((service) => ({ ...service, citizenId: c.id }))),
    }),
    prisma.healthCondition.createMany({
      data: citizens.flatMap((c) => c.health.conditions.map((condition) => ({ ...condition, citizenId: c.id }))),
    }),
  ]);
}

/** Seeds the demo cohort's health records into an empty database. */
export async function seedHealthIfEmpty(prisma: PrismaClient): Promise<number> {
  const existing = (await prisma.healthService.count()) + (await prisma.healthCondition.count());
  if (existing > 0) return 0;
  const cohort = Array.from({ length: DEMO_COHORT_SIZE }, (_, index) => demoCitizen(index));
  await seedHealth(prisma, cohort);
  return cohort.length;
}
