import { assertCaseworker, notInPast, parseCpr, requireId, requireText, today } from '@oneplan/kit';
import { badUserInput, forbidden, notFound, type DataCategory, type Department } from '@oneplan/protocol';
import type { GoalStatus, PlanStatus } from '../../generated/prisma';
import type { PlanContext } from '../context';
import { assertCoordinator } from './access';

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

async function planToChange(context: PlanContext, planId: string) {
  const plan = await context.loaders.planById.load(requireId(planId, 'planId'));
  if (!plan) throw notFound('Plan');
  assertCoordinator(context.identity, plan);
  return plan;
}

function distinct<T>(values: readonly T[], field: string): T[] {
  const unique = [...new Set(values)];
  if (unique.length === 0) throw badUserInput(`${field} must name at least one.`, field);
  return unique;
}

export const Mutation = {
  async registerCitizen(_: unknown, { input }: { input: { cpr: string; name: string } }, context: PlanContext) {
    assertCaseworker(context.identity);
    const parsed = parseCpr(input.cpr);
    if (!parsed) throw badUserInput('cpr must be 10 digits starting with a valid date (DDMMYY).', 'cpr');
    const citizen = await context.writes.registerCitizen(parsed.cpr, requireText(input.name, 'name', 200));
    if (!citizen) throw badUserInput('A citizen with this CPR is already registered.', 'cpr');
    return citizen;
  },

  async createPlan(
    _: unknown,
    { input }: { input: { citizenId: string; overallGoal: string; startsOn?: Date | null } },
    context: PlanContext,
  ) {
    const caller = assertCaseworker(context.identity);
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
  },

  async setPlanStatus(_: unknown, { input }: { input: { planId: string; status: PlanStatus } }, context: PlanContext) {
    const plan = await planToChange(context, input.planId);
    // One citizen, one plan: a closed plan stays closed; a new one is created instead.
    if (!OPEN_PLAN.includes(plan.status) && OPEN_PLAN.includes(input.status)) {
      throw badUserInput('A completed or cancelled plan cannot be reopened; create a new plan.', 'status');
    }
    return context.writes.setPlanStatus(plan.id, input.status);
  },

  async addGoal(
    _: unknown,
    { input }: { input: { planId: string; description: string; department: Department; dueOn?: Date | null } },
    context: PlanContext,
  ) {
    const plan = await planToChange(context, input.planId);
    if (!OPEN_PLAN.includes(plan.status)) throw badUserInput('Goals are added to open plans only.', 'planId');
    return context.writes.addGoal({
      planId: plan.id,
      description: requireText(input.description, 'description'),
      department: input.department,
      dueOn: input.dueOn ? notInPast(input.dueOn, 'dueOn', context.now) : null,
    });
  },

  async setGoalStatus(_: unknown, { input }: { input: { goalId: string; status: GoalStatus } }, context: PlanContext) {
    const goal = await context.loaders.goalById.load(requireId(input.goalId, 'goalId'));
    if (!goal) throw notFound('Goal');
    const plan = await planToChange(context, goal.planId);
    return context.writes.setGoalStatus(goal.id, plan.id, input.status);
  },

  async recordConsent(
    _: unknown,
    {
      input,
    }: {
      input: { citizenId: string; categories: DataCategory[]; recipients: Department[]; purpose: string; validUntil: Date };
    },
    context: PlanContext,
  ) {
    const caller = assertCaseworker(context.identity);
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
      recordedBy: caller.sub,
    });
  },

  /** Any caseworker may revoke (the citizen asked them to); a citizen may revoke their own. */
  async revokeConsent(_: unknown, { input }: { input: { consentId: string } }, context: PlanContext) {
    const { identity } = context;
    const consent = await context.loaders.consentById.load(requireId(input.consentId, 'consentId'));
    const own = identity.role === 'citizen' && consent?.citizenId === identity.citizenId;
    if (identity.role !== 'caseworker' && !own) {
      throw identity.role === 'citizen' ? notFound('Consent') : forbidden('Only caseworkers and the citizen revoke consents.');
    }
    if (!consent) throw notFound('Consent');
    return context.writes.revokeConsent(consent.id, context.now);
  },
};
