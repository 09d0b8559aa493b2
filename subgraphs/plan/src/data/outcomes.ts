import { caseworkerActs, type OutcomesCohort } from '@oneplan/kit';
import type { Department, GoalStatus, PlanStatus, PrismaClient } from '../../generated/prisma';

/** Whole calendar months: plans that started on or after `from` and before `until` (the first day after the window). */
export interface OutcomesWindow {
  from: Date;
  until: Date;
}

/** The plan subgraph's part of the outcomes of one window (the cohort, and its counts, exact: disclosure control comes after). */
export interface PlanOutcomes extends OutcomesCohort {
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
 * with the caseworkers who acted in the plan: its coordinator, and whoever
 * recorded the citizen's agreement. Then its goals and held holistic meetings.
 * (Reviews are recorded by the coordinator; the plan's revisions hold every
 * change, but reading a million of them for every window cost more than all the
 * rest together.)
 */
async function countOutcomes(prisma: PrismaClient, window: OutcomesWindow, asOf: Date): Promise<PlanOutcomes> {
  // One row of comma-joined columns, not a row per member: a cohort of 100,000 is then a few strings to split.
  const [cohort] = await prisma.$queryRaw<
    { ids: string | null; planIds: string | null; starts: string | null; ends: string | null; actors: string | null }[]
  >`
    SELECT string_agg(replace(p."citizenId"::text, '-', ''), ',') AS ids, string_agg(p.id::text, ',') AS "planIds",
      string_agg((p."startsOn" - DATE '1970-01-01')::text, ',') AS starts,
      string_agg((p."endsOn" - DATE '1970-01-01')::text, ',') AS ends,
      string_agg(p.status || ' ' || p."coordinatorId" || coalesce(' ' || p."agreementRecordedById", ''), ',') AS actors
    FROM "Plan" p
    WHERE p."startsOn" >= ${window.from}::date AND p."startsOn" < ${window.until}::date
      AND NOT EXISTS (
        SELECT 1 FROM "Plan" newer
        WHERE newer."citizenId" = p."citizenId" AND (newer."createdAt", newer.id) > (p."createdAt", p.id)
      )`;
  const split = (column: string | null | undefined) => (column ? column.split(',') : []);
  const planIds = cohort?.planIds ?? '';
  // Joined as a table, not `= ANY(…)`: an array from a parameter is searched row by row.
  const [goals, [meetings]] = await Promise.all([
    prisma.$queryRaw<{ department: Department; status: GoalStatus; count: number }[]>`
      SELECT g.department, g.status, count(*)::int AS count
      FROM unnest(string_to_array(${planIds}, ',')::uuid[]) AS cohort(plan_id) JOIN "Goal" g ON g."planId" = cohort.plan_id
      GROUP BY g.department, g.status`,
    prisma.$queryRaw<{ held: number; replaced: number }[]>`
      SELECT count(*)::int AS held, coalesce(sum(cardinality(m.replaces)), 0)::int AS replaced
      FROM unnest(string_to_array(${planIds}, ',')::uuid[]) AS cohort(plan_id) JOIN "Meeting" m ON m."planId" = cohort.plan_id
      WHERE m.kind = 'HOLISTIC' AND m.status = 'HELD' AND m."startsAt" <= ${asOf}`,
  ]);
  // Each member's plan status, then its coordinator and whoever recorded the agreement.
  const byStatus = new Map<PlanStatus, number>();
  const pairs: string[] = [];
  split(cohort?.actors).forEach((entry, member) => {
    const [status, ...actors] = entry.split(' ') as [PlanStatus, ...string[]];
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    for (const actor of actors) pairs.push(`${member} ${actor}`);
  });
  return {
    asOf,
    citizenIds: split(cohort?.ids),
    startDays: Int32Array.from(split(cohort?.starts), Number),
    endDays: Int32Array.from(split(cohort?.ends), Number),
    planActs: caseworkerActs(pairs),
    plansByStatus: [...byStatus].map(([status, count]) => ({ status, count })),
    goals,
    holisticMeetingsHeld: meetings?.held ?? 0,
    sectorMeetingsReplaced: meetings?.replaced ?? 0,
  };
}
