import type DataLoader from 'dataloader';
import { loaderOfMany, loaderOfOne, rowByCitizen, rowsByCitizen, selectRows } from '@oneplan/kit';
import type {
  Caseworker,
  Citizen,
  Consent,
  Goal,
  Meeting,
  Plan,
  PlanReview,
  PlanRevision,
  PlanStatus,
  PrismaClient,
} from '../../generated/prisma';
import { planOutcomes, type OutcomesWindow } from './outcomes';
import { planFigures } from './statistics';

// Every column as findMany gives it; the enum arrays as text arrays (see selectRows).
const PLAN = `"Plan".id, "Plan"."citizenId", "coordinatorId", "overallGoal", status, "startsOn", "endsOn", "createdAt",
  "updatedAt", replaces::text[] AS replaces, "citizenStatement", "nextReviewOn", "agreedAt", "agreementMethod",
  "agreementRecordedById"`;
const MEETING = `id, "planId", kind, "startsAt", place, agenda, invited::text[] AS invited, "citizenTakesPart", replaces, status,
  minutes, "createdAt", "updatedAt"`;

/**
 * Per-request loaders: the only reads of the plan database. Each turns the keys
 * asked for in one tick into one `WHERE … = ANY(…)`, so a page of 100 citizens
 * costs as many statements as a page of 5. Hand-written, as these run on every
 * request (see selectRows); the pages and aggregates below stay with Prisma.
 */
export function createPlanLoaders(prisma: PrismaClient) {
  const caseworkerById = loaderOfOne(
    selectRows<Caseworker>(prisma, 'SELECT * FROM "Caseworker" WHERE id = ANY($1::text[])'),
    byId,
  );
  return {
    citizenById: loaderOfOne(selectRows<Citizen>(prisma, 'SELECT * FROM "Citizen" WHERE id = ANY($1::uuid[])'), byId),
    citizenByCpr: loaderOfOne(
      selectRows<Citizen>(prisma, 'SELECT * FROM "Citizen" WHERE cpr = ANY($1::bpchar[])'),
      (citizen) => citizen.cpr,
    ),
    /**
     * The newest plan of each citizen (DISTINCT ON keeps it one row per citizen), with its
     * coordinator, whom nearly every view of a plan shows: one statement instead of two.
     */
    currentPlanByCitizen: rowByCitizen(
      withCoordinators(
        selectRows<Plan & CoordinatorColumns>(
          prisma,
          `SELECT DISTINCT ON ("Plan"."citizenId") ${PLAN}, ${COORDINATOR}
             FROM "Plan" LEFT JOIN "Caseworker" ON "Caseworker".id = "Plan"."coordinatorId"
            WHERE "Plan"."citizenId" = ANY($1::uuid[])
            ORDER BY "Plan"."citizenId", "Plan"."createdAt" DESC`,
        ),
        caseworkerById,
      ),
    ),
    planById: loaderOfOne(selectRows<Plan>(prisma, `SELECT ${PLAN} FROM "Plan" WHERE id = ANY($1::uuid[])`), byId),
    goalsByPlan: loaderOfMany(
      selectRows<Goal>(prisma, 'SELECT * FROM "Goal" WHERE "planId" = ANY($1::uuid[]) ORDER BY "createdAt", id'),
      (goal) => goal.planId,
    ),
    reviewsByPlan: loaderOfMany(
      selectRows<PlanReview>(
        prisma,
        'SELECT * FROM "PlanReview" WHERE "planId" = ANY($1::uuid[]) ORDER BY "heldOn" DESC, "createdAt" DESC, id',
      ),
      (review) => review.planId,
    ),
    meetingsByPlan: loaderOfMany(
      selectRows<Meeting>(prisma, `SELECT ${MEETING} FROM "Meeting" WHERE "planId" = ANY($1::uuid[]) ORDER BY "startsAt", id`),
      (meeting) => meeting.planId,
    ),
    meetingById: loaderOfOne(selectRows<Meeting>(prisma, `SELECT ${MEETING} FROM "Meeting" WHERE id = ANY($1::uuid[])`), byId),
    revisionsByPlan: loaderOfMany(
      selectRows<PlanRevision>(prisma, 'SELECT * FROM "PlanRevision" WHERE "planId" = ANY($1::uuid[]) ORDER BY at DESC, id DESC'),
      (revision) => revision.planId,
    ),
    goalById: loaderOfOne(selectRows<Goal>(prisma, 'SELECT * FROM "Goal" WHERE id = ANY($1::uuid[])'), byId),
    caseworkerById,
    consentsByCitizen: rowsByCitizen(
      selectRows<Consent>(prisma, 'SELECT * FROM "Consent" WHERE "citizenId" = ANY($1::uuid[]) ORDER BY "givenAt" DESC, id'),
    ),
    consentById: loaderOfOne(selectRows<Consent>(prisma, 'SELECT * FROM "Consent" WHERE id = ANY($1::uuid[])'), byId),
    /** One page of citizens in id order (not per parent, so no loader). */
    citizensPage: (first: number, afterId: string | null) => citizensPage(prisma, first, afterId),
    /** One page of a caseworker's open plans, soonest review first (not per parent, so no loader). */
    caseloadPage: (coordinatorId: string, first: number, after: CaseloadCursor | null) =>
      caseloadPage(prisma, coordinatorId, first, after),
    /** Open plans due for review on or before `before`, soonest first: one coordinator's, or (null) everyone's. */
    plansDue: (coordinatorId: string | null, before: Date, first: number) => plansDue(prisma, coordinatorId, before, first),
    /** The aggregates behind `planStatistics`. */
    planFigures: (now: Date) => planFigures(prisma, now),
    planOutcomes: (window: OutcomesWindow, now: Date) => planOutcomes(prisma, window, now),
  };
}

const byId = (row: { id: string }) => row.id;

// A plan's coordinator, joined: every column of "Caseworker", named apart from the plan's.
const COORDINATOR = `"Caseworker".id AS "coordinator.id", "Caseworker".name AS "coordinator.name",
  "Caseworker".department AS "coordinator.department"`;
interface CoordinatorColumns {
  'coordinator.id': string | null;
  'coordinator.name': string | null;
  'coordinator.department': Caseworker['department'] | null;
}

/** Plans without their joined coordinator columns, each coordinator put into the request's caseworker loader. */
function withCoordinators(
  select: (citizenIds: readonly string[]) => Promise<(Plan & CoordinatorColumns)[]>,
  caseworkerById: DataLoader<string, Caseworker | null>,
): (citizenIds: readonly string[]) => Promise<Plan[]> {
  return async (citizenIds) =>
    (await select(citizenIds)).map(
      ({ 'coordinator.id': id, 'coordinator.name': name, 'coordinator.department': department, ...plan }) => {
        // A missing coordinator stays unprimed: the loader then finds none, as before (`referenced`).
        if (id !== null && name !== null && department !== null) caseworkerById.prime(id, { id, name, department });
        return plan;
      },
    );
}

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;

/** Where a page of a caseload ends: plans are ordered by (nextReviewOn, id). */
export interface CaseloadCursor {
  nextReviewOn: Date;
  id: string;
}

const OPEN: PlanStatus[] = ['DRAFT', 'ACTIVE'];
const SOONEST_REVIEW_FIRST = [{ nextReviewOn: 'asc' as const }, { id: 'asc' as const }];

async function caseloadPage(prisma: PrismaClient, coordinatorId: string, first: number, after: CaseloadCursor | null) {
  const rows = await prisma.plan.findMany({
    where: {
      coordinatorId,
      status: { in: OPEN },
      ...(after && {
        OR: [{ nextReviewOn: { gt: after.nextReviewOn } }, { nextReviewOn: after.nextReviewOn, id: { gt: after.id } }],
      }),
    },
    orderBy: SOONEST_REVIEW_FIRST,
    take: first + 1,
  });
  return { plans: rows.slice(0, first), hasNextPage: rows.length > first };
}

function plansDue(prisma: PrismaClient, coordinatorId: string | null, before: Date, first: number) {
  return prisma.plan.findMany({
    where: { ...(coordinatorId !== null && { coordinatorId }), status: { in: OPEN }, nextReviewOn: { lte: before } },
    orderBy: SOONEST_REVIEW_FIRST,
    take: first,
  });
}

/** One page of citizens in id order, fetching one extra row to know if more follow. */
async function citizensPage(prisma: PrismaClient, first: number, afterId: string | null) {
  const rows = await prisma.citizen.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: 'asc' },
    take: first + 1,
  });
  return { citizens: rows.slice(0, first), hasNextPage: rows.length > first };
}
