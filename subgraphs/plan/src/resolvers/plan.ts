import { categoryReference } from '@oneplan/kit';
import type { Plan as PlanRow } from '../../generated/prisma';
import type { PlanContext } from '../plan';

export const Plan = {
  __resolveReference: categoryReference('PLAN', async (reference: { id: string }, context: PlanContext) => {
    const plan = await context.loaders.planById.load(reference.id);
    if (!plan) return null;
    const consented = await context.consentedTo(plan.citizenId);
    return { facts: { citizenId: plan.citizenId, coordinatorId: plan.coordinatorId, consented }, data: plan };
  }),
  citizen(plan: PlanRow, _: unknown, { loaders }: PlanContext) {
    return loaders.citizenById.load(plan.citizenId);
  },
  coordinator(plan: PlanRow, _: unknown, { loaders }: PlanContext) {
    return loaders.caseworkerById.load(plan.coordinatorId);
  },
  goals(plan: PlanRow, _: unknown, { loaders }: PlanContext) {
    return loaders.goalsByPlan.load(plan.id);
  },
};
