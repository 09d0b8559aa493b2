import { categoryReference } from '@oneplan/kit';
import type { MeetingResolvers } from '../generated/graphql';
import { referenced } from './plan';

/** A meeting is part of its plan: category PLAN, read by the plan's rule. */
export const Meeting = {
  __resolveReference: categoryReference('PLAN', async (reference, context) => {
    const meeting = await context.loaders.meetingById.load(reference.id);
    const plan = meeting && (await context.loaders.planById.load(meeting.planId));
    if (!meeting || !plan) return null;
    const consented = await context.consentedTo(plan.citizenId);
    return { facts: { citizenId: plan.citizenId, coordinatorId: plan.coordinatorId, consented }, data: meeting };
  }),
  plan(meeting, _, { loaders }) {
    return referenced(loaders.planById.load(meeting.planId), `plan ${meeting.planId}`);
  },
} satisfies MeetingResolvers;
