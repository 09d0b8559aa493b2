import { requireId } from '@oneplan/kit';
import { badUserInput, notFound, type Department, type ForwardedIdentity } from '@oneplan/protocol';
import type { PlanStatus } from '../../generated/prisma';
import type { Actor, CaseworkerFacts } from '../data/writes';
import type { PlanContext } from '../plan';

/** A plan that is still being made or carried out; closed plans stay closed. */
export const OPEN_PLAN: readonly PlanStatus[] = ['DRAFT', 'ACTIVE'];

/**
 * The facts of a change to a plan: the plan itself, whose it is and who
 * coordinates it. To a citizen, another citizen's plan is as absent as one that
 * does not exist.
 */
export async function planFacts(context: PlanContext, planId: string) {
  const plan = await context.loaders.planById.load(requireId(planId, 'planId'));
  const { identity } = context;
  if (!plan || (identity.role === 'citizen' && plan.citizenId !== identity.citizenId)) throw notFound('Plan');
  return { plan, citizenId: plan.citizenId, coordinatorId: plan.coordinatorId };
}

/** The facts of a change to a meeting: the meeting and its plan's facts. */
export async function meetingFacts(context: PlanContext, meetingId: string) {
  const meeting = await context.loaders.meetingById.load(requireId(meetingId, 'meetingId'));
  if (!meeting) throw notFound('Meeting');
  return { meeting, ...(await planFacts(context, meeting.planId)) };
}

/** Changes go to open plans only. */
export function assertOpen(plan: { status: PlanStatus }, field = 'planId'): void {
  if (!OPEN_PLAN.includes(plan.status)) throw badUserInput('The plan is closed (completed or cancelled).', field);
}

/** Who makes a change, as the plan's history names them. */
export function actorOf(identity: ForwardedIdentity): Actor {
  return { sub: identity.sub, name: identity.name, role: identity.role };
}

/** The calling caseworker as a coordinator or reviewer (guards have checked the role). */
export function callerAsCaseworker(identity: ForwardedIdentity): CaseworkerFacts {
  return { id: identity.sub, name: identity.name, department: identity.department as Department };
}

/** The values once each, at least one. */
export function distinct<T>(values: readonly T[], field: string): T[] {
  const unique = [...new Set(values)];
  if (unique.length === 0) throw badUserInput(`${field} must name at least one.`, field);
  return unique;
}
