import { ENFORCEMENT_DISABLED, guardedRead } from '@oneplan/kit';
import { forbidden, type ForwardedIdentity } from '@oneplan/protocol';
import type { Citizen, Plan } from '../../generated/prisma';
import type { PlanContext } from '../context';

export const PURPOSE_COORDINATOR = 'Plan coordinator';

/**
 * Who may know a citizen exists: caseworkers and auditors (they look citizens up
 * by CPR), and the citizen themself. Analysts see no personal data at all.
 */
export function assertMayLookUp(identity: ForwardedIdentity, citizenId?: string): void {
  if (identity.role === 'caseworker' || identity.role === 'auditor') return;
  if (identity.role === 'citizen' && (citizenId === undefined || identity.citizenId === citizenId)) return;
  throw forbidden(identity.role === 'citizen' ? 'Citizens see only themselves.' : 'Analysts see no personal data.');
}

/** A citizen as the caller may see them, or null; refuses callers who may see no one. */
export function visibleCitizen(identity: ForwardedIdentity, citizen: Citizen | null): Citizen | null {
  assertMayLookUp(identity, citizen?.id ?? identity.citizenId);
  return citizen;
}

/**
 * The plan is category PLAN: its coordinator reads it, as does the coordination
 * unit, the citizen, and a department the citizen consented to share it with.
 * A denial is the same whether or not the citizen has a plan.
 */
export async function readPlan(context: PlanContext, citizenId: string, plan: Plan | null): Promise<Plan | null> {
  const { identity, accessLog } = context;
  if (ENFORCEMENT_DISABLED) return plan;
  // Every path waits for the consents first, so all of a request's plan reads are
  // decided, and logged, in the same tick: one INSERT however many citizens.
  const consented = await context.consentedTo(citizenId);
  if (plan && identity.role === 'caseworker' && plan.coordinatorId === identity.sub) {
    await accessLog.record(citizenId, 'PLAN', 'ALLOWED', PURPOSE_COORDINATOR);
    return plan;
  }
  return guardedRead(context, citizenId, 'PLAN', consented, async () => plan);
}

/** Changing a plan is its coordinator's alone. */
export function assertCoordinator(identity: ForwardedIdentity, plan: Plan): void {
  if (identity.role !== 'caseworker' || plan.coordinatorId !== identity.sub) {
    throw forbidden("Only the plan's coordinator may change it.");
  }
}
