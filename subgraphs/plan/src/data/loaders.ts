import { loaderOfMany, loaderOfOne, rowByCitizen, rowsByCitizen } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
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
    goalById: loaderOfOne((ids: string[]) => prisma.goal.findMany({ where: { id: { in: ids } } }), byId),
    caseworkerById: loaderOfOne((ids: string[]) => prisma.caseworker.findMany({ where: { id: { in: ids } } }), byId),
    consentsByCitizen: rowsByCitizen((where) =>
      prisma.consent.findMany({ where, orderBy: [{ givenAt: 'desc' }, { id: 'asc' }] }),
    ),
    consentById: loaderOfOne((ids: string[]) => prisma.consent.findMany({ where: { id: { in: ids } } }), byId),
    /** One page of citizens in id order (not per parent, so no loader). */
    citizensPage: (first: number, afterId: string | null) => citizensPage(prisma, first, afterId),
    /** The aggregates behind `planStatistics`. */
    planFigures: (now: Date) => planFigures(prisma, now),
  };
}

const byId = (row: { id: string }) => row.id;

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;

/** One page of citizens in id order, fetching one extra row to know if more follow. */
async function citizensPage(prisma: PrismaClient, first: number, afterId: string | null) {
  const rows = await prisma.citizen.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: 'asc' },
    take: first + 1,
  });
  return { citizens: rows.slice(0, first), hasNextPage: rows.length > first };
}
