import { guardedAction, guardedWrite, notInPast, parseCpr, requireId, requireText, today } from '@oneplan/kit';
import { badUserInput, notFound, type Department } from '@oneplan/protocol';
import type { MutationResolvers } from '../generated/graphql';
import type { PlanStatus } from '../../generated/prisma';
import type { PlanContext } from '../plan';

const OPEN_PLAN: readonly PlanStatus[] = ['DRAFT', 'ACTIVE'];

function oneYearAfter(date: Date): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  return end;
}

async function existingCitizen(context: PlanContext, citizenId: string) {
  const citizen = await context.loaders.citizenById.load(requireId(citizenId, 'citizenId'));
  if (!citizen) throw notFound('Citizen');
  return citizen;
}

/** The facts of a change to a plan: the plan itself, whose it is and who coordinates it. */
async function planFacts(context: PlanContext, planId: string) {
  const plan = await context.loaders.planById.load(requireId(planId, 'planId'));
  if (!plan) throw notFound('Plan');
  return { plan, citizenId: plan.citizenId, coordinatorId: plan.coordinatorId };
}

function distinct<T>(values: readonly T[], field: string): T[] {
  const unique = [...new Set(values)];
  if (unique.length === 0) throw badUserInput(`${field} must name at least one.`, field);
  return unique;
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
  createPlan: guardedAction('createPlan', null, async (_, { input }, context) => {
    const caller = context.identity as typeof context.identity & { department: Department };
    const citizen = await existingCitizen(context, input.citizenId);
    const startsOn = input.startsOn ? notInPast(input.startsOn, 'startsOn', context.now) : today(context.now);
    const current = await context.loaders.currentPlanByCitizen.load(citizen.id);
    if (current && OPEN_PLAN.includes(current.status)) {
      throw badUserInput('The citizen already has an open plan: one citizen, one plan.', 'citizenId');
    }
    return context.writes.createPlan({
      citizenId: citizen.id,
      coordinator: { id: caller.sub, name: caller.name, department: caller.department },
      overallGoal: requireText(input.overallGoal, 'overallGoal'),
      startsOn,
      endsOn: oneYearAfter(startsOn),
    });
  }),

  setPlanStatus: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      // One citizen, one plan: a closed plan stays closed; a new one is created instead.
      if (!OPEN_PLAN.includes(plan.status) && OPEN_PLAN.includes(input.status)) {
        throw badUserInput('A completed or cancelled plan cannot be reopened; create a new plan.', 'status');
      }
      return context.writes.setPlanStatus(plan.id, input.status);
    },
  ),

  addGoal: guardedWrite(
    'PLAN',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      if (!OPEN_PLAN.includes(plan.status)) throw badUserInput('Goals are added to open plans only.', 'planId');
      return context.writes.addGoal({
        planId: plan.id,
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
    (_, { input }, context, { goal, plan }) => context.writes.setGoalStatus(goal.id, plan.id, input.status),
  ),

  recordConsent: guardedAction('recordConsent', null, async (_, { input }, context) => {
    const citizen = await existingCitizen(context, input.citizenId);
    if (input.validUntil.getTime() <= context.now.getTime()) {
      throw badUserInput('validUntil must lie in the future.', 'validUntil');
    }
    return context.writes.recordConsent({
      citizenId: citizen.id,
      categories: distinct(input.categories, 'categories'),
      recipients: distinct(input.recipients, 'recipients'),
      purpose: requireText(input.purpose, 'purpose', 500),
      validUntil: input.validUntil,
      recordedBy: context.identity.sub,
    });
  }),

  // Any caseworker may revoke (the citizen asked them to); a citizen their own, and
  // to a citizen someone else's consent is as absent as one that does not exist.
  revokeConsent: guardedAction(
    'revokeConsent',
    async (_, { input }, { identity, loaders }) => {
      const consent = await loaders.consentById.load(requireId(input.consentId, 'consentId'));
      if (!consent || (identity.role === 'citizen' && consent.citizenId !== identity.citizenId)) throw notFound('Consent');
      return { consent, citizenId: consent.citizenId };
    },
    (_, __, context, { consent }) => context.writes.revokeConsent(consent.id, context.now),
  ),
} satisfies MutationResolvers;
