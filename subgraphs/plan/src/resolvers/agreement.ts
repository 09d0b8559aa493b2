import { guardedAction, requireText } from '@oneplan/kit';
import { badUserInput } from '@oneplan/protocol';
import type { MutationResolvers } from '../generated/graphql';
import type { AgreementMethod, PlanStatus } from '../../generated/prisma';
import type { PlanContext } from '../plan';
import { actorOf, assertOpen, callerAsCaseworker, planFacts } from './plan-facts';

/** Room for the citizen's own words, not for a case file. */
export const STATEMENT_LENGTH = 4000;

/**
 * Who may give which answer to a draft plan: the citizen themself digitally, or
 * the coordinator recording an answer given in a meeting or in writing. Null
 * means the citizen answered themself; otherwise the caseworker who recorded it.
 */
function answerRecorder(context: PlanContext, method: AgreementMethod) {
  const { identity } = context;
  if (identity.role === 'citizen') {
    if (method !== 'DIGITAL') throw badUserInput('A citizen answers for themself with method DIGITAL.', 'method');
    return null;
  }
  if (method === 'DIGITAL') {
    throw badUserInput("DIGITAL is the citizen's own answer; record IN_MEETING or IN_WRITING.", 'method');
  }
  return callerAsCaseworker(identity);
}

function assertDraft(plan: { status: PlanStatus; agreedAt: Date | null }): void {
  assertOpen(plan);
  if (plan.status !== 'DRAFT' || plan.agreedAt) throw badUserInput('The citizen has already agreed to this plan.', 'planId');
}

/** The citizen's voice in the plan (retssikkerhedsloven § 4), their agreement, and who coordinates it. */
export const agreementMutations = {
  setCitizenStatement: guardedAction(
    'setCitizenStatement',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      assertOpen(plan);
      const statement = requireText(input.statement, 'statement', STATEMENT_LENGTH);
      return context.writes.setCitizenStatement(actorOf(context.identity), plan.id, statement);
    },
    'PLAN',
  ),

  agreeToPlan: guardedAction(
    'answerPlan',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      const recordedBy = answerRecorder(context, input.method);
      assertDraft(plan);
      return context.writes.agreeToPlan(actorOf(context.identity), plan.id, input.method, recordedBy, context.now);
    },
    'PLAN',
  ),

  // A refusal cancels the draft; the sector plans it would have replaced stay in force.
  declinePlan: guardedAction(
    'answerPlan',
    (_, { input }, context) => planFacts(context, input.planId),
    (_, { input }, context, { plan }) => {
      answerRecorder(context, input.method);
      assertDraft(plan);
      return context.writes.declinePlan(actorOf(context.identity), plan.id, input.method);
    },
    'PLAN',
  ),

  handOverPlan: guardedAction(
    'handOverPlan',
    (_, { input }, context) => planFacts(context, input.planId),
    async (_, { input }, context, { plan }) => {
      assertOpen(plan);
      const coordinatorId = requireText(input.coordinatorId, 'coordinatorId', 200);
      if (coordinatorId === plan.coordinatorId) {
        throw badUserInput('The plan is already coordinated by this caseworker.', 'coordinatorId');
      }
      const from = await context.loaders.caseworkerById.load(plan.coordinatorId);
      return context.writes.handOverPlan(actorOf(context.identity), plan.id, from ?? { name: plan.coordinatorId }, {
        id: coordinatorId,
        name: requireText(input.coordinatorName, 'coordinatorName', 200),
        department: input.coordinatorDepartment,
      });
    },
    'PLAN',
  ),
} satisfies MutationResolvers;
