import {
  GRANT_TTL_MS,
  assertMay,
  categoryField,
  guardedReference,
  isActive,
  mergeAccessLogs,
  mintGrant,
  type AccessEventView,
} from '@oneplan/kit';
import type { Citizen as CitizenRow, Consent as ConsentRow } from '../../generated/prisma';
import type { PlanContext } from '../plan';

/** The departments' parts of the access log, brought by the gateway (`@requires`). */
interface DepartmentLogs {
  employmentAccessLog?: AccessEventView[] | null;
  socialAccessLog?: AccessEventView[] | null;
  healthAccessLog?: AccessEventView[] | null;
}

export const Citizen = {
  __resolveReference: guardedReference(
    'lookUpCitizen',
    (reference: { id: string } & DepartmentLogs) => ({ citizenId: reference.id }),
    async (reference: { id: string } & DepartmentLogs, context: PlanContext) => {
      const citizen = await context.loaders.citizenById.load(reference.id);
      return citizen && { ...reference, ...citizen };
    },
  ),

  /**
   * The citizen's current plan. The facts wait for the consents on every path, so
   * all of a request's plan reads are decided, and logged, in the same tick: one
   * INSERT however many citizens.
   */
  plan: categoryField(
    'PLAN',
    async (citizen: CitizenRow, _: unknown, context: PlanContext) => {
      const [plan, consented] = await Promise.all([
        context.loaders.currentPlanByCitizen.load(citizen.id),
        context.consentedTo(citizen.id),
      ]);
      return { citizenId: citizen.id, coordinatorId: plan?.coordinatorId, consented };
    },
    (citizen: CitizenRow, _: unknown, context: PlanContext) => context.loaders.currentPlanByCitizen.load(citizen.id),
  ),

  consents(citizen: CitizenRow, _: unknown, { identity, loaders }: PlanContext): Promise<ConsentRow[]> {
    assertMay(identity, 'readConsents', { citizenId: citizen.id });
    return loaders.consentsByCitizen.load(citizen.id);
  },

  /**
   * The consent grant department subgraphs require: signed, bound to this
   * citizen, the caller's department and this request. Only caseworkers need one.
   */
  async consentGrant(citizen: CitizenRow, _: unknown, context: PlanContext): Promise<string | null> {
    const { identity } = context;
    if (identity.role !== 'caseworker' || !identity.department || !context.enforcement) return null;
    const consented = await context.consentedTo(citizen.id);
    return mintGrant(context.grantKey, {
      citizenId: citizen.id,
      recipient: identity.department,
      requestId: identity.requestId,
      categories: Object.fromEntries([...consented].map(([category, { purpose }]) => [category, purpose])),
      expiresAt: context.now.getTime() + GRANT_TTL_MS,
    });
  },

  /** Min Log: every department's part merged, newest first; the citizen and auditors only. */
  async accessLog(citizen: CitizenRow & DepartmentLogs, args: { first?: number | null }, context: PlanContext) {
    assertMay(context.identity, 'readAccessLog', { citizenId: citizen.id });
    const own = await context.accessLogReads.load(citizen.id);
    const logs = [own, citizen.employmentAccessLog, citizen.socialAccessLog, citizen.healthAccessLog];
    return mergeAccessLogs(logs, args.first ?? 50);
  },
};

export const Consent = {
  active(consent: ConsentRow, _: unknown, { now }: PlanContext) {
    return isActive(consent, now);
  },
};
