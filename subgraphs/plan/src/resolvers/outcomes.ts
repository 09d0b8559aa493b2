import {
  caseworkersPerMember,
  guardedAction,
  guardedReference,
  sealCohort,
  shownCount,
  shownGroup,
  shownMedian,
  unsealCohort,
  unsealPart,
  type DepartmentOutcomePart,
  type OutcomesReference,
} from '@oneplan/kit';
import { badUserInput, DEPARTMENTS, type Department } from '@oneplan/protocol';
import type { GoalStatus, PlanStatus } from '../../generated/prisma';
import type { OutcomesResolvers, QueryResolvers } from '../generated/graphql';
import type { OutcomesWindow } from '../data/outcomes';
import type { PlanContext } from '../plan';

const PLAN_STATUSES: readonly PlanStatus[] = ['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED'];
const GOAL_STATUSES: readonly GoalStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'ACHIEVED', 'ABANDONED'];

/** What `outcomes` answers: the key the departments read, and the plan subgraph's own figures under disclosure control. */
type OutcomesAnswer = OutcomesReference & {
  asOf: Date;
  cohort: number | null;
  plansByStatus: { status: PlanStatus; count: number | null }[];
  goals: { department: Department; status: GoalStatus; count: number | null }[];
  holisticMeetingsHeld: number | null;
  sectorMeetingsReplaced: number | null;
};

function firstOfMonth(date: Date, field: string): Date {
  if (date.getUTCDate() !== 1)
    throw badUserInput(`${field} must be the first day of a month: windows are whole calendar months.`, field);
  return date;
}

/** `[startedFrom, startedTo]` as whole months: `startedTo` names the window's last month. */
export function outcomesWindow(startedFrom: Date, startedTo: Date): OutcomesWindow {
  const from = firstOfMonth(startedFrom, 'startedFrom');
  const last = firstOfMonth(startedTo, 'startedTo');
  if (from > last) throw badUserInput('startedFrom must be on or before startedTo.', 'startedFrom');
  return { from, until: new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1)) };
}

export const outcomes: QueryResolvers<PlanContext>['outcomes'] = guardedAction(
  'readOutcomes',
  null,
  async (_: unknown, args: { startedFrom: Date; startedTo: Date }, context: PlanContext): Promise<OutcomesAnswer> => {
    const window = outcomesWindow(args.startedFrom, args.startedTo);
    const figures = await context.loaders.planOutcomes(window, context.now);
    const plansByStatus = PLAN_STATUSES.map((status) => figures.plansByStatus.find((row) => row.status === status)?.count ?? 0);
    const shownByStatus = shownGroup(plansByStatus);
    const goalCount = (department: string, status: GoalStatus) =>
      figures.goals.find((row) => row.department === department && row.status === status)?.count ?? 0;
    return {
      cohortSeal: sealCohort(context.grantKey, context.identity.requestId, figures),
      asOf: figures.asOf,
      cohort: shownCount(figures.citizenIds.length),
      plansByStatus: PLAN_STATUSES.map((status, index) => ({ status, count: shownByStatus[index] ?? null })),
      goals: DEPARTMENTS.flatMap((department) =>
        GOAL_STATUSES.map((status) => ({ department, status, count: shownCount(goalCount(department, status)) })),
      ),
      holisticMeetingsHeld: shownCount(figures.holisticMeetingsHeld),
      sectorMeetingsReplaced: shownCount(figures.sectorMeetingsReplaced),
    };
  },
);

/** The departments' parts the gateway brought, each opened; a part missing or not sealed for this request is left out. */
function departmentParts(outcomes: OutcomesReference, context: PlanContext): DepartmentOutcomePart[] {
  return Object.entries(outcomes).flatMap(([field, sealed]) => {
    const part = field.endsWith('OutcomePart') ? unsealPart(context.grantKey, context.identity.requestId, sealed) : null;
    return part ? [part] : [];
  });
}

/** The departments that hold efforts: all but the coordination unit. */
const EFFORT_DEPARTMENTS = DEPARTMENTS.filter((department) => department !== 'COORDINATION');

export const Outcomes: OutcomesResolvers<PlanContext> = {
  // The gateway comes back with the departments' parts to finish the figures only they and the plan together know.
  __resolveReference: guardedReference(
    'readOutcomes',
    () => ({}),
    (reference: OutcomesReference) => reference,
  ),

  daysToFirstEffort(outcomes, _args, context) {
    const parts = departmentParts(outcomes, context);
    return EFFORT_DEPARTMENTS.map((department) => ({
      department,
      median: parts.find((part) => part.department === department)?.daysToFirstEffort ?? null,
    }));
  },

  caseworkersPerCitizen(outcomes, _args, context) {
    const cohort = unsealCohort(context.grantKey, context.identity.requestId, outcomes.cohortSeal);
    const parts = departmentParts(outcomes, context);
    // Without every department's part the count would be too low, not merely rough: no figure then.
    if (!cohort || parts.length < EFFORT_DEPARTMENTS.length) return null;
    return shownMedian(caseworkersPerMember(cohort.citizenIds.length, [cohort.planActs, ...parts]));
  },
};
