import type { Plan as PlanRow } from '../../generated/prisma';
import type { PlanContext } from '../context';
import { readPlan } from './access';

export const Plan = {
  async __resolveReference(reference: { id: string }, context: PlanContext) {
    const plan = await context.loaders.planById.load(reference.id);
    return plan ? readPlan(context, plan.citizenId, plan) : null;
  },
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
