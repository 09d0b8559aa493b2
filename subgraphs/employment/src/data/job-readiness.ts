import { COHORT_CTE, cohortParameters, type OutcomesCohort } from '@oneplan/kit';
import type { JobReadiness, PrismaClient } from '../../generated/prisma';

/** The points after a plan's start at which the outcomes look at job readiness. */
export const MONTHS_AFTER_START = [0, 3, 6, 12] as const;

export interface JobReadinessCount {
  monthsAfterStart: number;
  readiness: JobReadiness;
  count: number;
}

/**
 * How many of the cohort were jobparat or aktivitetsparat at each point after
 * their plan's start: the latest assessment on or before that day. A point after
 * the figures' day is not yet known, and a citizen never assessed by then is not
 * counted. One statement, whatever the cohort's size; the counts are exact,
 * disclosure control comes after.
 */
export async function countJobReadiness(prisma: PrismaClient, cohort: OutcomesCohort): Promise<JobReadinessCount[]> {
  if (cohort.citizenIds.length === 0) return [];
  // Each assessment holds from its day until the next one; a point falls in at most one such span.
  // (A LATERAL look-up of the latest assessment per point took two and a half times as long.)
  return prisma.$queryRawUnsafe<JobReadinessCount[]>(
    `WITH ${COHORT_CTE},
    spans AS (
      SELECT c.starts_on, h."jobReadiness", h."changedOn",
        lead(h."changedOn") OVER (PARTITION BY h."citizenId" ORDER BY h."changedOn", h."createdAt") AS until
      FROM cohort c JOIN "JobReadinessChange" h ON h."citizenId" = c.citizen_id AND h."createdAt" < $5::timestamptz
    )
    SELECT k.months AS "monthsAfterStart", s."jobReadiness" AS readiness, count(*)::int AS count
    FROM spans s CROSS JOIN unnest($6::int[]) AS k(months)
    CROSS JOIN LATERAL (SELECT (s.starts_on + make_interval(months => k.months))::date AS on_day) point
    WHERE point.on_day <= $4::date AND s."changedOn" <= point.on_day AND (s.until IS NULL OR s.until > point.on_day)
    GROUP BY k.months, s."jobReadiness"`,
    ...cohortParameters(cohort),
    MONTHS_AFTER_START,
  );
}
