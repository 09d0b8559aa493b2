import { DEMO_COHORT_SIZE, demoCitizen, type DemoCitizen } from '@oneplan/kit';
import type { PrismaClient } from '../generated/prisma';

/**
 * Writes the coordination unit's part of demo citizens: identity, plan, goals,
 * consents and the coordinators. One batch of inserts per call, so the large
 * seed can stream the cohort in chunks.
 */
export async function seedPlan(prisma: PrismaClient, citizens: readonly DemoCitizen[]): Promise<void> {
  const plans = citizens.flatMap((c) => (c.plan ? [{ citizen: c, plan: c.plan }] : []));
  const coordinators = new Map(plans.map(({ plan }) => [plan.coordinator.id, plan.coordinator]));
  await prisma.$transaction([
    prisma.caseworker.createMany({ data: [...coordinators.values()], skipDuplicates: true }),
    prisma.citizen.createMany({ data: citizens.map(({ id, cpr, name }) => ({ id, cpr, name })) }),
    prisma.plan.createMany({
      data: plans.map(({ citizen, plan }) => ({
        id: plan.id,
        citizenId: citizen.id,
        coordinatorId: plan.coordinator.id,
        overallGoal: plan.overallGoal,
        status: plan.status,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        createdAt: plan.startsOn,
        updatedAt: plan.updatedAt,
      })),
    }),
    prisma.goal.createMany({
      data: plans.flatMap(({ plan }) =>
        plan.goals.map((goal, order) => ({
          ...goal,
          planId: plan.id,
          createdAt: new Date(plan.startsOn.getTime() + order * 1000),
        })),
      ),
    }),
    prisma.consent.createMany({
      data: citizens.flatMap((c) => c.consents.map((consent) => ({ ...consent, citizenId: c.id }))),
    }),
  ]);
}

/** How many demo citizens the database holds: the index the next seed continues from. */
export function countCitizens(prisma: PrismaClient): Promise<number> {
  return prisma.citizen.count();
}

/** Seeds the demo cohort into an empty database; returns how many citizens it wrote. */
export async function seedPlanIfEmpty(prisma: PrismaClient): Promise<number> {
  if ((await countCitizens(prisma)) > 0) return 0;
  const cohort = Array.from({ length: DEMO_COHORT_SIZE }, (_, index) => demoCitizen(index));
  await seedPlan(prisma, cohort);
  return cohort.length;
}
