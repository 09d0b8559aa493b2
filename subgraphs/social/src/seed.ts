import { DEMO_COHORT_SIZE, demoCitizen, type DemoCitizen } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';

/** Writes the social department's part of demo citizens, in one statement. */
export async function seedSocial(prisma: PrismaClient, citizens: readonly DemoCitizen[]): Promise<void> {
  await prisma.socialMeasure.createMany({
    data: citizens.flatMap((c) => c.social.measures.map((measure) => ({ ...measure, citizenId: c.id }))),
  });
}

/** Seeds the demo cohort's social measures into an empty database. */
export async function seedSocialIfEmpty(prisma: PrismaClient): Promise<number> {
  if ((await prisma.socialMeasure.count()) > 0) return 0;
  const cohort = Array.from({ length: DEMO_COHORT_SIZE }, (_, index) => demoCitizen(index));
  await seedSocial(prisma, cohort);
  return cohort.length;
}
