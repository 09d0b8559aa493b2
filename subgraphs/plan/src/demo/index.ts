import type { SubgraphDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoCoordination } from './coordination';

/**
 * The coordination unit's part of the demo cohort: every citizen's identity,
 * their plan, its goals and coordinator, how it was agreed and followed up
 * (reviews, meetings, revisions), and their consents. It keeps the
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
          createdAt: plan.createdAt,
          updatedAt: plan.updatedAt,
          replaces: plan.replaces,
          citizenStatement: plan.citizenStatement,
          nextReviewOn: plan.nextReviewOn,
          agreedAt: plan.agreement?.agreedAt ?? null,
          agreementMethod: plan.agreement?.method ?? null,
          agreementRecordedById: plan.agreement?.recordedById ?? null,
        })),
      }),
      prisma.goal.createMany({
        data: plans.flatMap(({ citizen, plan }) =>
          plan.goals.map((goal, order) => ({
            ...goal,
            planId: plan.id,
            citizenId: citizen.id,
            // Goals list in the order they were set: one second apart.
            createdAt: new Date(plan.createdAt.getTime() + (order + 1) * 1000),
          })),
        ),
      }),
      prisma.planReview.createMany({
        data: plans.flatMap(({ plan }) => plan.reviews.map((review) => ({ ...review, planId: plan.id }))),
      }),
      prisma.meeting.createMany({
        data: plans.flatMap(({ plan }) =>
          plan.meetings.map((meeting) => ({ ...meeting, planId: plan.id, createdAt: plan.createdAt, updatedAt: plan.updatedAt })),
        ),
      }),
      prisma.planRevision.createMany({
        data: plans.flatMap(({ plan }) => plan.revisions.map((revision) => ({ ...revision, planId: plan.id }))),
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
      reviews: parts.reduce((sum, part) => sum + (part.plan?.reviews.length ?? 0), 0),
      meetings: parts.reduce((sum, part) => sum + (part.plan?.meetings.length ?? 0), 0),
      revisions: parts.reduce((sum, part) => sum + (part.plan?.revisions.length ?? 0), 0),
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
