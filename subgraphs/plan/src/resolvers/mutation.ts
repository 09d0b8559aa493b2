import { guardedAction, guardedWrite, notInPast, optionalText, parseCpr, requireId, requireText, today } from '@oneplan/kit';
import { badUserInput, notFound } from '@oneplan/protocol';
import type { MutationResolvers } from '../generated/graphql';
import type { PlanContext } from '../plan';
import { STATEMENT_LENGTH, agreementMutations } from './agreement';
import { consentMutations } from './consent';
import { followUpMutations } from './follow-up';
import { OPEN_PLAN, actorOf, assertOpen, callerAsCaseworker, planFacts } from './plan-facts';
import { addMonths } from './plan-dates';

async function existingCitizen(context: PlanContext, citizenId: string) {
  const citizen = await context.loaders.citizenById.load(requireId(citizenId, 'citizenId'));
  if (!citizen) throw notFound('Citizen');
  return citizen;
}

export const Mutation = {
  registerCitizen: guardedAction('registerCitizen', null, async (_, { input }, context) => {
    const parsed = parseCpr(input.cpr);
    if (!parsed) throw badUserInput('cpr must be 10 digits starting with a valid date (DDMMYY).', 'cpr');
    const citizen = await context.writes.registerCitizen(parsed.cpr, requireText(input.name, 'name', 200));
    if (!citizen) throw badUserInput('A citizen with this CPR is already registered.', 'cpr');
    return citizen;
  }),

  // The caller becomes the coordinator.
  createPlan: guardedAction(
    'createPlan',
    null,
    async (_, { input }, context) => {
      const citizen = await existingCitizen(context, input.citizenId);
      const startsOn = input.startsOn ? notInPast(input.startsOn, 'startsOn', context.now) : today(context.now);
      const current = await context.loaders.currentPlanByCitizen.load(citizen.id);
      if (current && OPEN_PLAN.includes(current.status)) {
        throw badUserInput('The citizen already has an open plan: one citizen, one plan.', 'citizenId');
      }
      return context.writes.createPlan(actorOf(context.identity), {
        citizenId: citizen.id,
        coordinator: callerAsCaseworker(context.identity),
        overallGoal: requireText(input.overallGoal, 'overallGoal'),
        startsOn,
        endsOn: addMonths(startsOn, 12),
        nextReviewOn: addMonths(startsOn, 3),
        replaces: [...new Set(input.replaces ?? [])],
        citizenStatement: optionalText(input.citizenStatement, 'citizenStatement', STATEMENT_LENGTH),
      });
    },
    'PLAN',
  ),

  setPlanStatus: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      // One citizen, one plan: a closed plan stays closed; a new one is created instead.
      if (!OPEN_PLAN.includes(plan.status) && OPEN_PLAN.includes(input.status)) {
        throw badUserInput('A completed or cancelled plan cannot be reopened; create a new plan.', 'status');
      }
      // The plan takes effect only with the citizen's agreement, and an agreed plan is no longer a draft.
      if (input.status === 'ACTIVE' && !plan.agreedAt) {
        throw badUserInput('A plan becomes active only when the citizen has agreed to it (agreeToPlan).', 'status');
      }
      if (input.status === 'DRAFT' && plan.agreedAt) {
        throw badUserInput('The citizen has agreed to this plan; it cannot return to draft.', 'status');
      }
      return context.writes.setPlanStatus(actorOf(context.identity), plan.id, input.status);
    },
  ),

  addGoal: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      assertOpen(plan);
      return context.writes.addGoal(actorOf(context.identity), {
        planId: plan.id,
        citizenId: plan.citizenId,
        description: requireText(input.description, 'description'),
        department: input.department,
        dueOn: input.dueOn ? notInPast(input.dueOn, 'dueOn', context.now) : null,
      });
    },
  ),

  setGoalStatus: guardedWrite(
    'PLAN',
    async (_, { input }, context) => {
      const goal = await context.loaders.goalById.load(requireId(input.goalId, 'goalId'));
      if (!goal) throw notFound('Goal');
      return { goal, ...(await planFacts(context, goal.planId)) };
    },
    (_, { input }, context, { goal, plan }) => {
      assertOpen(plan, 'goalId');
      return context.writes.setGoalStatus(actorOf(context.identity), goal, input.status);
    },
  ),

  ...agreementMutations,
  ...followUpMutations,
  ...consentMutations,
} satisfies MutationResolvers;
