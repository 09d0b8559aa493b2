import { assertMay, categoryField, categoryReference, matchesFilter, mergeAccessLogs, type AccessEventView } from '@oneplan/kit';
import type { CitizenResolvers } from '../generated/graphql';
import type { Citizen as CitizenRow } from '../../generated/prisma';
import { accessLogPage, filterOf } from './access-log-page';
import { grantFor } from './consent-grant';

/** The departments' parts of the access log, brought by the gateway (`@requires`). */
interface DepartmentLogs {
  employmentAccessLog?: AccessEventView[] | null;
  socialAccessLog?: AccessEventView[] | null;
  healthAccessLog?: AccessEventView[] | null;
}

export const Citizen = {
  // A citizen reached through another subgraph reveals who they are as well.
  __resolveReference: categoryReference('IDENTITY', async (reference, context) => {
    const citizen = await context.loaders.citizenById.load(reference.id);
    return citizen && { facts: { citizenId: citizen.id }, data: { ...reference, ...citizen } };
  }),

  /**
   * The citizen's current plan. The facts wait for the consents on every path, so
   * all of a request's plan reads are decided, and logged, in the same tick: one
   * INSERT however many citizens.
   */
  plan: categoryField(
    'PLAN',
    async (citizen, _, context) => {
      const [plan, consented] = await Promise.all([
        context.loaders.currentPlanByCitizen.load(citizen.id),
        context.consentedTo(citizen.id),
      ]);
      return { citizenId: citizen.id, coordinatorId: plan?.coordinatorId, consented };
    },
    (citizen, _, context) => context.loaders.currentPlanByCitizen.load(citizen.id),
  ),

  consents(citizen, _, { identity, loaders }) {
    assertMay(identity, 'readConsents', { citizenId: citizen.id });
    return loaders.consentsByCitizen.load(citizen.id);
  },

  /** The consent grant department subgraphs require, for this citizen. */
  consentGrant(citizen, _, context) {
    return grantFor(context, citizen.id);
  },

  /** Min Log: every department's part merged, newest first; the citizen and auditors only. */
  async accessLog(citizen: CitizenRow & DepartmentLogs, args, context) {
    assertMay(context.identity, 'readAccessLog', { citizenId: citizen.id });
    const filter = filterOf(args);
    const own = await context.accessLogReads.load(citizen.id);
    const logs = [own, citizen.employmentAccessLog, citizen.socialAccessLog, citizen.healthAccessLog];
    return mergeAccessLogs(
      logs.map((log) => log?.filter((event) => matchesFilter(event, filter))),
      args.first ?? 50,
    );
  },

  accessLogPage,
} satisfies CitizenResolvers;
