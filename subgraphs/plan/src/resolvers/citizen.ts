import {
  ENFORCEMENT_DISABLED,
  GRANT_TTL_MS,
  assertMayReadAccessLog,
  isActive,
  mergeAccessLogs,
  mintGrant,
  type AccessEventView,
} from '@oneplan/kit';
import { forbidden } from '@oneplan/protocol';
import type { Citizen as CitizenRow, Consent } from '../../generated/prisma';
import type { PlanContext } from '../context';
import { readPlan, visibleCitizen } from './access';

/** The departments' parts of the access log, brought by the gateway (`@requires`). */
interface DepartmentLogs {
  employmentAccessLog?: AccessEventView[] | null;
  socialAccessLog?: AccessEventView[] | null;
  healthAccessLog?: AccessEventView[] | null;
}

export const Citizen = {
  async __resolveReference(reference: { id: string } & DepartmentLogs, context: PlanContext) {
    const citizen = visibleCitizen(context.identity, await context.loaders.citizenById.load(reference.id));
    return citizen && { ...reference, ...citizen };
  },

  async plan(citizen: CitizenRow, _: unknown, context: PlanContext) {
    const [plan] = await Promise.all([
      context.loaders.currentPlanByCitizen.load(citizen.id),
      context.consentedTo(citizen.id),
    ]);
    return readPlan(context, citizen.id, plan);
  },

  /**
   * Caseworkers read consents (they record them); a citizen reads their own; an
   * auditor reads them as the legal basis of the reads in the access log.
   */
  async consents(citizen: CitizenRow, _: unknown, { identity, loaders }: PlanContext): Promise<Consent[]> {
    const own = identity.role === 'citizen' && identity.citizenId === citizen.id;
    if (identity.role !== 'caseworker' && identity.role !== 'auditor' && !own) {
      throw forbidden('Only caseworkers, auditors and the citizen read consents.');
    }
    return loaders.consentsByCitizen.load(citizen.id);
  },

  /**
   * The consent grant department subgraphs require: signed, bound to this
   * citizen, the caller's department and this request. Only caseworkers need one.
   */
  async consentGrant(citizen: CitizenRow, _: unknown, context: PlanContext): Promise<string | null> {
    const { identity } = context;
    if (identity.role !== 'caseworker' || !identity.department || ENFORCEMENT_DISABLED) return null;
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
    assertMayReadAccessLog(context.identity, citizen.id);
    const own = await context.loaders.accessLogByCitizen.load(citizen.id);
    const logs = [own, citizen.employmentAccessLog, citizen.socialAccessLog, citizen.healthAccessLog];
    return mergeAccessLogs(logs, args.first ?? 50);
  },
};

export const ConsentResolvers = {
  active(consent: Consent, _: unknown, { now }: PlanContext) {
    return isActive(consent, now);
  },
};
