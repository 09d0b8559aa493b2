import { guardedAction, guardedRead, pageSize, requireId } from '@oneplan/kit';
import { badUserInput } from '@oneplan/protocol';
import type { QueryResolvers } from '../generated/graphql';
import type { Plan as PlanRow } from '../../generated/prisma';
import type { CaseloadCursor } from '../data/loaders';
import type { PlanContext } from '../plan';

const MAX_CASELOAD_PAGE = 100;
const MAX_DUE = 500;

function encodeCursor(plan: CaseloadCursor): string {
  return Buffer.from(`plan:${plan.nextReviewOn.toISOString().slice(0, 10)}:${plan.id}`).toString('base64url');
}

function decodeCursor(cursor: string): CaseloadCursor {
  const match = /^plan:(\d{4}-\d{2}-\d{2}):(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const nextReviewOn = match && new Date(`${match[1]}T00:00:00Z`);
  if (!match || !nextReviewOn || Number.isNaN(nextReviewOn.getTime())) {
    throw badUserInput('after is not a cursor from this list.', 'after');
  }
  return { nextReviewOn, id: requireId(match[2]!, 'after') };
}

/**
 * Each plan of a caseload is a read of that citizen's plan, decided and logged
 * like any other (the coordinator's, or the coordination unit's, oversight); all
 * of them in one INSERT.
 */
function readEach(context: PlanContext, plans: readonly PlanRow[]): Promise<PlanRow[]> {
  return Promise.all(
    plans.map((plan) =>
      guardedRead(context, 'PLAN', { citizenId: plan.citizenId, coordinatorId: plan.coordinatorId }, async () => {
        context.loaders.planById.prime(plan.id, plan);
        return plan;
      }),
    ),
  );
}

/** The coordinating caseworker's work: their plans, soonest follow-up first, and what is overdue. */
export const caseloadQueries = {
  myPlans: guardedAction('readCaseload', null, async (_, args, context) => {
    const first = pageSize(args.first, 20, MAX_CASELOAD_PAGE);
    const after = args.after ? decodeCursor(args.after) : null;
    const page = await context.loaders.caseloadPage(context.identity.sub, first, after);
    const plans = await readEach(context, page.plans);
    const edges = plans.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }),

  // The coordination unit oversees every plan; any other caseworker sees their own.
  plansDueForReview: guardedAction('readCaseload', null, async (_, args, context) => {
    const first = pageSize(args.first, 100, MAX_DUE);
    const { identity } = context;
    const coordinatorId = identity.department === 'COORDINATION' ? null : identity.sub;
    return readEach(context, await context.loaders.plansDue(coordinatorId, args.before, first));
  }),
} satisfies QueryResolvers;
