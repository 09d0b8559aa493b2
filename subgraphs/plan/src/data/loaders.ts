import { loaderOfMany, loaderOfOne, rowByCitizen, rowsByCitizen } from '@oneplan/kit';
import type { PlanStatus, PrismaClient } from '../../generated/prisma';
import { planOutcomes, type OutcomesWindow } from './outcomes';
import { planFigures } from './statistics';

/**
 * Per-request loaders: the only reads of the plan database. Each turns the keys
 * asked for in one tick into one `WHERE … IN (…)`, so a page of 100 citizens
 * costs as many statements as a page of 5.
 */
export function createPlanLoaders(prisma: PrismaClient) {
  return {
    citizenById: loaderOfOne((ids: string[]) => prisma.citizen.findMany({ where: { id: { in: ids } } }), byId),
    citizenByCpr: loaderOfOne(
      (cprs: string[]) => prisma.citizen.findMany({ where: { cpr: { in: cprs } } }),
      (citizen) => citizen.cpr,
    ),
    /** The newest plan of each citizen (DISTINCT ON keeps it one row per citizen). */
    currentPlanByCitizen: rowByCitizen((where) =>
      prisma.plan.findMany({ where, orderBy: [{ citizenId: 'asc' }, { createdAt: 'desc' }], distinct: ['citizenId'] }),
    ),
    planById: loaderOfOne((ids: string[]) => prisma.plan.findMany({ where: { id: { in: ids } } }), byId),
    goalsByPlan: loaderOfMany(
      (planIds: string[]) =>
        prisma.goal.findMany({ where: { planId: { in: planIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      (goal) => goal.planId,
    ),
    reviewsByPlan: loaderOfMany(
      (planIds: string[]) =>
        prisma.planReview.findMany({
          where: { planId: { in: planIds } },
          orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
        }),
      (review) => review.planId,
    ),
    meetingsByPlan: loaderOfMany(
      (planIds: string[]) =>
        prisma.meeting.findMany({ where: { planId: { in: planIds } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }),
      (meeting) => meeting.planId,
    ),
    meetingById: loaderOfOne((ids: string[]) => prisma.meeting.findMany({ where: { id: { in: ids } } }), byId),
    revisionsByPlan: loaderOfMany(
      (planIds: string[]) =>
        prisma.planRevision.findMany({ where: { planId: { in: planIds } }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
      (revision) => revision.planId,
    ),
    goalById: loaderOfOne((ids: string[]) => prisma.goal.findMany({ where: { id: { in: ids } } }), byId),
    caseworkerById: loaderOfOne((ids: string[]) => prisma.caseworker.findMany({ where: { id: { in: ids } } }), byId),
    consentsByCitizen: rowsByCitizen((where) =>
      prisma.consent.findMany({ where, orderBy: [{ givenAt: 'desc' }, { id: 'asc' }] }),
    ),
    consentById: loaderOfOne((ids: string[]) => prisma.consent.findMany({ where: { id: { in: ids } } }), byId),
    /** One page of citizens in id order (not per parent, so no loader). */
    citizensPage: (first: number, afterId: string | null) => citizensPage(prisma, first, afterId),
    /** One page of a caseworker's open plans, soonest review first (not per parent, so no loader). */
    caseloadPage: (coordinatorId: string, first: number, after: CaseloadCursor | null) =>
      caseloadPage(prisma, coordinatorId, first, after),
    /** Open plans due for review on or before `before`, soonest first: one coordinator's, or (null) everyone's. */
    plansDue: (coordinatorId: string | null, before: Date, first: number) => plansDue(prisma, coordinatorId, before, first),
    /** The aggregates behind `planStatistics`. */
    planFigures: (now: Date) => planFigures(prisma, now),
    planOutcomes: (window: OutcomesWindow, now: Date) => planOutcomes(prisma, window, now),
  };
}

const byId = (row: { id: string }) => row.id;

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;

/** Where a page of a caseload ends: plans are ordered by (nextReviewOn, id). */
export interface CaseloadCursor {
  nextReviewOn: Date;
  id: string;
}

const OPEN: PlanStatus[] = ['DRAFT', 'ACTIVE'];
const SOONEST_REVIEW_FIRST = [{ nextReviewOn: 'asc' as const }, { id: 'asc' as const }];

async function caseloadPage(prisma: PrismaClient, coordinatorId: string, first: number, after: CaseloadCursor | null) {
  const rows = await prisma.plan.findMany({
    where: {
      coordinatorId,
      status: { in: OPEN },
      ...(after && {
        OR: [{ nextReviewOn: { gt: after.nextReviewOn } }, { nextReviewOn: after.nextReviewOn, id: { gt: after.id } }],
      }),
    },
    orderBy: SOONEST_REVIEW_FIRST,
    take: first + 1,
  });
  return { plans: rows.slice(0, first), hasNextPage: rows.length > first };
}

function plansDue(prisma: PrismaClient, coordinatorId: string | null, before: Date, first: number) {
  return prisma.plan.findMany({
    where: { ...(coordinatorId !== null && { coordinatorId }), status: { in: OPEN }, nextReviewOn: { lte: before } },
    orderBy: SOONEST_REVIEW_FIRST,
    take: first,
  });
}

/** One page of citizens in id order, fetching one extra row to know if more follow. */
async function citizensPage(prisma: PrismaClient, first: number, afterId: string | null) {
  const rows = await prisma.citizen.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: 'asc' },
    take: first + 1,
  });
  return { citizens: rows.slice(0, first), hasNextPage: rows.length > first };
}
