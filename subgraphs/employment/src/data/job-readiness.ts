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
  if (cohort.members.length === 0) return [];
  return prisma.$queryRawUnsafe<JobReadinessCount[]>(
    `WITH ${COHORT_CTE},
    points AS (
      SELECT c.citizen_id, k.months, (c.starts_on + make_interval(months => k.months))::date AS on_day
      FROM cohort c CROSS JOIN unnest($5::int[]) AS k(months)
    )
    SELECT p.months AS "monthsAfterStart", r."jobReadiness" AS readiness, count(*)::int AS count
    FROM points p CROSS JOIN LATERAL (
      SELECT h."jobReadiness" FROM "JobReadinessChange" h
      WHERE h."citizenId" = p.citizen_id AND h."changedOn" <= p.on_day
      ORDER BY h."changedOn" DESC, h."createdAt" DESC LIMIT 1
    ) r
    WHERE p.on_day <= $4::date
    GROUP BY p.months, r."jobReadiness"`,
    ...cohortParameters(cohort),
    MONTHS_AFTER_START,
  );
}
