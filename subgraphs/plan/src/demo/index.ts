import type { SubgraphDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoCoordination } from './coordination';

/**
 * The coordination unit's part of the demo cohort: every citizen's identity,
 * their plan, its goals and coordinator, and their consents. It keeps the
 * cohort's identity, so its citizen count is where a seed resumes.
 */
export const planDemo: SubgraphDemo<PrismaClient> = {
  async write(prisma, citizens) {
    const parts = citizens.map((citizen) => ({ citizen, ...demoCoordination(citizen) }));
    const plans = parts.flatMap(({ citizen, plan }) => (plan ? [{ citizen, plan }] : []));
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
            // Goals list in the order they were set: one second apart.
            createdAt: new Date(plan.startsOn.getTime() + order * 1000),
          })),
        ),
      }),
      prisma.consent.createMany({
        data: parts.flatMap(({ citizen, consents }) => consents.map((consent) => ({ ...consent, citizenId: citizen.id }))),
      }),
    ]);
  },

  rowsOf(citizens) {
    const parts = citizens.map(demoCoordination);
    return {
      citizens: citizens.length,
      plans: parts.filter((part) => part.plan !== null).length,
      goals: parts.reduce((sum, part) => sum + (part.plan?.goals.length ?? 0), 0),
      consents: parts.reduce((sum, part) => sum + part.consents.length, 0),
    };
  },

  async isEmpty(prisma) {
    return (await prisma.citizen.count()) === 0;
  },

  countCitizens(prisma) {
    return prisma.citizen.count();
  },
};
