import type { ConsentableCategory } from '@oneplan/protocol';
import type { PrismaClient } from '../../generated/prisma';

/** Counts of the plan database, grouped; one statement per figure, none per citizen. */
export async function planFigures(prisma: PrismaClient, now: Date) {
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
