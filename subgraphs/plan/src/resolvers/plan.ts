import { categoryReference, identityField } from '@oneplan/kit';
import type { PlanResolvers, PlanReviewResolvers } from '../generated/graphql';

/**
 * A row the plan's foreign key guarantees (`Plan.citizen: Citizen!`). Were it
 * missing, the database would be broken: an internal error, as graphql-js would
 * make of a null for a non-null field.
 */
export async function referenced<T>(row: Promise<T | null>, what: string): Promise<T> {
  const found = await row;
  if (found === null) throw new Error(`${what} is missing although a foreign key names it`);
  return found;
}

export const Plan = {
  __resolveReference: categoryReference('PLAN', async (reference, context) => {
    const plan = await context.loaders.planById.load(reference.id);
    if (!plan) return null;
    const consented = await context.consentedTo(plan.citizenId);
    return { facts: { citizenId: plan.citizenId, coordinatorId: plan.coordinatorId, consented }, data: plan };
  }),
  citizen: identityField((plan, _, { loaders }) =>
    referenced(loaders.citizenById.load(plan.citizenId), `citizen ${plan.citizenId}`),
  ),
  coordinator(plan, _, { loaders }) {
    return referenced(loaders.caseworkerById.load(plan.coordinatorId), `caseworker ${plan.coordinatorId}`);
  },
  goals(plan, _, { loaders }) {
    return loaders.goalsByPlan.load(plan.id);
  },
  async agreement(plan, _, { loaders }) {
    const { agreedAt, agreementMethod: method, agreementRecordedById: recordedById } = plan;
    if (!agreedAt || !method) return null;
    const recordedBy = recordedById
      ? await referenced(loaders.caseworkerById.load(recordedById), `caseworker ${recordedById}`)
      : null;
    return { agreedAt, method, recordedBy };
  },
  reviews(plan, _, { loaders }) {
    return loaders.reviewsByPlan.load(plan.id);
  },
  meetings(plan, _, { loaders }) {
    return loaders.meetingsByPlan.load(plan.id);
  },
  revisions(plan, _, { loaders }) {
    return loaders.revisionsByPlan.load(plan.id);
  },
} satisfies PlanResolvers;

export const PlanReview = {
  by(review, _, { loaders }) {
    return referenced(loaders.caseworkerById.load(review.byId), `caseworker ${review.byId}`);
  },
} satisfies PlanReviewResolvers;
