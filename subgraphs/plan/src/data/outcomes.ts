import { caseworkerActs, type CaseworkerActs, type CohortMember } from '@oneplan/kit';
import type { Department, GoalStatus, PlanStatus, PrismaClient } from '../../generated/prisma';

/** Whole calendar months: plans that started on or after `from` and before `until` (the first day after the window). */
export interface OutcomesWindow {
  from: Date;
  until: Date;
}

/** The plan subgraph's part of the outcomes of one window, exact: disclosure control comes after. */
export interface PlanOutcomes {
  asOf: Date;
  members: CohortMember[];
  planActs: CaseworkerActs;
  plansByStatus: { status: PlanStatus; count: number }[];
  goals: { department: Department; status: GoalStatus; count: number }[];
  holisticMeetingsHeld: number;
  sectorMeetingsReplaced: number;
}

/**
 * The figures of a window as of the first time it is asked each day, kept per
 * database (at most a few windows a day): polling one window while changing a
 * plan shows nothing until the next day. As with `planFigures`.
 */
const KEPT = new WeakMap<object, { day: string; windows: Map<string, Promise<PlanOutcomes>> }>();
const KEPT_WINDOWS = 16;

export function planOutcomes(prisma: PrismaClient, window: OutcomesWindow, now: Date): Promise<PlanOutcomes> {
  const day = now.toISOString().slice(0, 10);
  let kept = KEPT.get(prisma);
  if (kept?.day !== day) KEPT.set(prisma, (kept = { day, windows: new Map() }));
  const key = `${window.from.toISOString()}/${window.until.toISOString()}`;
  const known = kept.windows.get(key);
  if (known) return known;
  const counted = countOutcomes(prisma, window, now);
  const { windows } = kept;
  // A failed count is not kept; the oldest window makes room for a new one.
  counted.catch(() => windows.get(key) === counted && windows.delete(key));
  if (windows.size >= KEPT_WINDOWS) windows.delete(windows.keys().next().value as string);
  windows.set(key, counted);
  return counted;
}

/**
 * Three statements, whatever the cohort's size. The cohort: citizens whose
 * current plan (their newest, as `Citizen.plan` answers) started in the window,
 * with the caseworkers who acted in the plan while it ran: its coordinator, and
 * whoever changed it (`PlanRevision`). Then its goals and held holistic meetings.
 */
async function countOutcomes(prisma: PrismaClient, window: OutcomesWindow, asOf: Date): Promise<PlanOutcomes> {
  const plans = await prisma.$queryRaw<
    { id: string; citizenId: string; status: PlanStatus; startsOn: Date; endsOn: Date; actors: string[] }[]
  >`
    WITH current_plans AS (
      SELECT DISTINCT ON ("citizenId") id, "citizenId", status, "startsOn", "endsOn", "coordinatorId"
      FROM "Plan" ORDER BY "citizenId", "createdAt" DESC, id DESC
    )
    SELECT p.id, p."citizenId", p.status, p."startsOn", p."endsOn",
      array(
        SELECT p."coordinatorId"
        UNION
        SELECT r."actorSub" FROM "PlanRevision" r
        WHERE r."planId" = p.id AND r."actorRole" = 'caseworker'
          AND r.at >= p."startsOn" AND r.at < least(p."endsOn" + 1, ${asOf}::timestamptz)
      ) AS actors
    FROM current_plans p
    WHERE p."startsOn" >= ${window.from}::date AND p."startsOn" < ${window.until}::date
    ORDER BY p."startsOn", p.id`;
  const planIds = plans.map((plan) => plan.id).join(',');
  const [goals, [meetings]] = await Promise.all([
    prisma.$queryRaw<{ department: Department; status: GoalStatus; count: number }[]>`
      SELECT department, status, count(*)::int AS count FROM "Goal"
      WHERE "planId" = ANY(string_to_array(${planIds}, ',')::uuid[])
      GROUP BY department, status`,
    prisma.$queryRaw<{ held: number; replaced: number }[]>`
      SELECT count(*)::int AS held, coalesce(sum(cardinality(replaces)), 0)::int AS replaced FROM "Meeting"
      WHERE "planId" = ANY(string_to_array(${planIds}, ',')::uuid[])
        AND kind = 'HOLISTIC' AND status = 'HELD' AND "startsAt" <= ${asOf}`,
  ]);
  const byStatus = new Map<PlanStatus, number>();
  for (const plan of plans) byStatus.set(plan.status, (byStatus.get(plan.status) ?? 0) + 1);
  return {
    asOf,
    members: plans.map(({ citizenId, startsOn, endsOn }) => ({ citizenId, startsOn, endsOn })),
    planActs: caseworkerActs(plans.map((plan, member) => ({ member, subs: plan.actors }))),
    plansByStatus: [...byStatus].map(([status, count]) => ({ status, count })),
    goals,
    holisticMeetingsHeld: meetings?.held ?? 0,
    sectorMeetingsReplaced: meetings?.replaced ?? 0,
  };
}
