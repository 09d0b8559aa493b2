import { categoryReference } from '@oneplan/kit';
import type { GoalResolvers } from '../generated/graphql';
import { grantFor } from './consent-grant';

/**
 * A goal as the departments reach it: from an effort's `goal` (keyed by the goal
 * and the effort's citizen), and to hang their efforts under it (with the grant
 * for the goal's citizen).
 */
export const Goal = {
  /**
   * Read under PLAN, like the plan it is part of, and decided about the citizen
   * the reference names. An effort links only to its own citizen's goals: a goal
   * of another citizen's plan, or none, is NOT_FOUND to a caller who may read the
   * citizen's plan, and refused like any goal to one who may not.
   */
  __resolveReference: categoryReference('PLAN', async (reference, context) => {
    const [goal, consented] = await Promise.all([
      context.loaders.goalById.load(reference.goalId),
      context.consentedTo(reference.citizenId),
    ]);
    const own = goal?.citizenId === reference.citizenId ? goal : null;
    const plan = own
      ? await context.loaders.planById.load(own.planId)
      : await context.loaders.currentPlanByCitizen.load(reference.citizenId);
    return { facts: { citizenId: reference.citizenId, coordinatorId: plan?.coordinatorId, consented }, data: own };
  }),

  goalId(goal) {
    return goal.id;
  },

  consentGrant(goal, _, context) {
    return grantFor(context, goal.citizenId);
  },
} satisfies GoalResolvers;
