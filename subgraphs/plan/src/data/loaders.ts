import DataLoader from 'dataloader';
import { createAccessLogLoader, manyByKey, oneByKey } from '@oneplan/kit';
import type { Caseworker, Citizen, Consent, Goal, Plan, PrismaClient } from '../../generated/prisma';

/**
 * Per-request loaders: the only reads of the plan database. Each turns the keys
 * asked for in one tick into one `WHERE … IN (…)`, so a page of 100 citizens
 * costs as many statements as a page of 5.
 */
export function createPlanLoaders(prisma: PrismaClient) {
  return {
    accessLogByCitizen: createAccessLogLoader(prisma),
    citizenById: new DataLoader<string, Citizen | null>(async (ids) =>
      oneByKey(ids, await prisma.citizen.findMany({ where: { id: { in: [...ids] } } }), (c) => c.id),
    ),
    citizenByCpr: new DataLoader<string, Citizen | null>(async (cprs) =>
      oneByKey(cprs, await prisma.citizen.findMany({ where: { cpr: { in: [...cprs] } } }), (c) => c.cpr),
    ),
    /** The newest plan of each citizen (DISTINCT ON keeps it one row per citizen). */
    currentPlanByCitizen: new DataLoader<string, Plan | null>(async (citizenIds) =>
      oneByKey(
        citizenIds,
        await prisma.plan.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ citizenId: 'asc' }, { createdAt: 'desc' }],
          distinct: ['citizenId'],
        }),
        (p) => p.citizenId,
      ),
    ),
    planById: new DataLoader<string, Plan | null>(async (ids) =>
      oneByKey(ids, await prisma.plan.findMany({ where: { id: { in: [...ids] } } }), (p) => p.id),
    ),
    goalsByPlan: new DataLoader<string, Goal[]>(async (planIds) =>
      manyByKey(
        planIds,
        await prisma.goal.findMany({
          where: { planId: { in: [...planIds] } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
        (g) => g.planId,
      ),
    ),
    goalById: new DataLoader<string, Goal | null>(async (ids) =>
      oneByKey(ids, await prisma.goal.findMany({ where: { id: { in: [...ids] } } }), (g) => g.id),
    ),
    caseworkerById: new DataLoader<string, Caseworker | null>(async (ids) =>
      oneByKey(ids, await prisma.caseworker.findMany({ where: { id: { in: [...ids] } } }), (c) => c.id),
    ),
    consentsByCitizen: new DataLoader<string, Consent[]>(async (citizenIds) =>
      manyByKey(
        citizenIds,
        await prisma.consent.findMany({
          where: { citizenId: { in: [...citizenIds] } },
          orderBy: [{ givenAt: 'desc' }, { id: 'asc' }],
        }),
        (c) => c.citizenId,
      ),
    ),
    consentById: new DataLoader<string, Consent | null>(async (ids) =>
      oneByKey(ids, await prisma.consent.findMany({ where: { id: { in: [...ids] } } }), (c) => c.id),
    ),
  };
}

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;

/** One page of citizens in id order, fetching one extra row to know if more follow. */
export async function citizensPage(prisma: PrismaClient, first: number, afterId: string | null) {
  const rows = await prisma.citizen.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: 'asc' },
    take: first + 1,
  });
  return { citizens: rows.slice(0, first), hasNextPage: rows.length > first };
}
