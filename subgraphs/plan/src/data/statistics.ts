import type { ConsentableCategory } from '@oneplan/protocol';
import type { PrismaClient } from '../../generated/prisma';

/**
 * The figures as of the first request of each day, kept per database: polling
 * while making known changes (adding three plans to a suppressed cell until it
 * shows 5) shows nothing until the next day, when everyone's changes of the day
 * are mixed in. Rounding or noise were weighed: a deterministic rounding still
 * jumps exactly at a known change, and fresh noise averages away under polling;
 * the analysts' outcomes may add either on top.
 */
const SNAPSHOTS = new WeakMap<object, { day: string; figures: Promise<PlanFigures> }>();

export type PlanFigures = Awaited<ReturnType<typeof countFigures>> & { asOf: Date };

/** The day's snapshot of the figures, counted at its first request. */
export function planFigures(prisma: PrismaClient, now: Date): Promise<PlanFigures> {
  const day = now.toISOString().slice(0, 10);
  const kept = SNAPSHOTS.get(prisma);
  if (kept?.day === day) return kept.figures;
  const figures = countFigures(prisma, now).then((counted) => ({ ...counted, asOf: now }));
  // A failed count is not kept: the next request counts again.
  figures.catch(() => SNAPSHOTS.get(prisma)?.figures === figures && SNAPSHOTS.delete(prisma));
  SNAPSHOTS.set(prisma, { day, figures });
  return figures;
}

/** Counts of the plan database, grouped; one statement per figure, none per citizen. */
async function countFigures(prisma: PrismaClient, now: Date) {
  const [citizens, plans, goals, consents] = await Promise.all([
    prisma.citizen.count(),
    prisma.plan.groupBy({ by: ['status'], _count: { _all: true } }),
    prisma.goal.groupBy({ by: ['department', 'status'], _count: { _all: true } }),
    // "categories" holds only consentable categories: the Consent_categories_check constraint refuses any other.
    prisma.$queryRaw<{ category: ConsentableCategory; count: bigint }[]>`
      SELECT category, count(*) AS count
      FROM "Consent", unnest("categories") AS category
      WHERE "revokedAt" IS NULL AND "validUntil" > ${now}
      GROUP BY category`,
  ]);
  return {
    citizens,
    plansByStatus: plans.map((row) => ({ status: row.status, count: row._count._all })),
    goalsByDepartment: goals.map((row) => ({ department: row.department, status: row.status, count: row._count._all })),
    activeConsentsByCategory: consents.map((row) => ({ category: row.category, count: Number(row.count) })),
  };
}
