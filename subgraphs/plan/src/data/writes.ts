import { isUniqueViolation } from '@oneplan/kit';
import type { Department } from '@oneplan/protocol';
import type {
  AgreementMethod,
  ConsentMethod,
  GoalStatus,
  MeetingKind,
  PlanStatus,
  Prisma,
  PrismaClient,
  SectorPlan,
} from '../../generated/prisma';

/** Who makes a change, as the plan's history names them. */
export interface Actor {
  sub: string;
  name: string;
  role: string;
}

export interface CaseworkerFacts {
  id: string;
  name: string;
  department: Department;
}

/** What a meeting is planned as: when, where, about what, with whom, and what it stands in for. */
export interface MeetingPlans {
  kind: MeetingKind;
  startsAt: Date;
  place: string | null;
  agenda: string;
  invited: Department[];
  citizenTakesPart: boolean;
  replaces: string[];
}

type Tx = Prisma.TransactionClient;

/** Keeps the caseworker's name and department as their latest token states them. */
function upsertCaseworker(tx: Tx, caseworker: CaseworkerFacts) {
  return tx.caseworker.upsert({
    where: { id: caseworker.id },
    create: caseworker,
    update: { name: caseworker.name, department: caseworker.department },
  });
}

/**
 * Every change to a plan writes its revision in the change's own transaction, so
 * no change is answered without its history, and touches `updatedAt`.
 */
async function revise(tx: Tx, planId: string, actor: Actor, change: string) {
  await tx.planRevision.create({
    data: { planId, actorSub: actor.sub, actorName: actor.name, actorRole: actor.role, change },
  });
  await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
}

/** Every change to the plan database goes through here. */
export function createPlanWrites(prisma: PrismaClient) {
  /** A change to one plan and its revision, atomically. */
  const change = <T>(planId: string, actor: Actor, what: string, work: (tx: Tx) => Promise<T>) =>
    prisma.$transaction(async (tx) => {
      const result = await work(tx);
      await revise(tx, planId, actor, what);
      return result;
    });

  return {
    /** Null when the CPR is already registered. */
    async registerCitizen(cpr: string, name: string) {
      try {
        return await prisma.citizen.create({ data: { cpr, name } });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    createPlan(
      actor: Actor,
      input: {
        citizenId: string;
        coordinator: CaseworkerFacts;
        overallGoal: string;
        startsOn: Date;
        endsOn: Date;
        nextReviewOn: Date;
        replaces: SectorPlan[];
        citizenStatement: string | null;
      },
    ) {
      const { coordinator, ...plan } = input;
      return prisma.$transaction(async (tx) => {
        await upsertCaseworker(tx, coordinator);
        const created = await tx.plan.create({ data: { ...plan, coordinatorId: coordinator.id, status: 'DRAFT' } });
        await revise(tx, created.id, actor, 'Plan created as a draft');
        return tx.plan.findUniqueOrThrow({ where: { id: created.id } });
      });
    },

    setPlanStatus(actor: Actor, planId: string, status: PlanStatus) {
      return change(planId, actor, `Plan status set to ${status}`, (tx) =>
        tx.plan.update({ where: { id: planId }, data: { status } }),
      );
    },

    addGoal(
      actor: Actor,
      input: { planId: string; citizenId: string; description: string; department: Department; dueOn: Date | null },
    ) {
      return change(input.planId, actor, `Goal added for ${input.department}: ${input.description}`, (tx) =>
        tx.goal.create({ data: input }),
      );
    },

    setGoalStatus(actor: Actor, goal: { id: string; planId: string; description: string }, status: GoalStatus) {
      return change(goal.planId, actor, `Goal status set to ${status}: ${goal.description}`, (tx) =>
        tx.goal.update({ where: { id: goal.id }, data: { status } }),
      );
    },

    setCitizenStatement(actor: Actor, planId: string, statement: string) {
      return change(planId, actor, "Citizen's statement set", (tx) =>
        tx.plan.update({ where: { id: planId }, data: { citizenStatement: statement } }),
      );
    },

    /** The citizen agrees: the plan takes effect and stands in for its sector plans. */
    agreeToPlan(actor: Actor, planId: string, method: AgreementMethod, recordedBy: CaseworkerFacts | null, at: Date) {
      return change(planId, actor, `Citizen agreed to the plan (${method}); the plan is active`, async (tx) => {
        if (recordedBy) await upsertCaseworker(tx, recordedBy);
        return tx.plan.update({
          where: { id: planId },
          data: { status: 'ACTIVE', agreedAt: at, agreementMethod: method, agreementRecordedById: recordedBy?.id ?? null },
        });
      });
    },

    /** The citizen declines: the draft is cancelled and the sector plans stay as they were. */
    declinePlan(actor: Actor, planId: string, method: AgreementMethod) {
      return change(planId, actor, `Citizen declined the plan (${method}); the sector plans stay in force`, (tx) =>
        tx.plan.update({ where: { id: planId }, data: { status: 'CANCELLED' } }),
      );
    },

    recordPlanReview(
      actor: Actor,
      input: { planId: string; heldOn: Date; summary: string; nextReviewOn: Date; by: CaseworkerFacts },
    ) {
      const { by, ...review } = input;
      const next = input.nextReviewOn.toISOString().slice(0, 10);
      return change(input.planId, actor, `Plan reviewed; next review on ${next}`, async (tx) => {
        await upsertCaseworker(tx, by);
        const created = await tx.planReview.create({ data: { ...review, byId: by.id } });
        await tx.plan.update({ where: { id: input.planId }, data: { nextReviewOn: input.nextReviewOn } });
        return created;
      });
    },

    scheduleMeeting(actor: Actor, input: MeetingPlans & { planId: string }) {
      const what = `${input.kind === 'HOLISTIC' ? 'Holistic' : 'Follow-up'} meeting scheduled for ${input.startsAt.toISOString()}`;
      return change(input.planId, actor, what, (tx) => tx.meeting.create({ data: input }));
    },

    recordMeetingMinutes(actor: Actor, meeting: { id: string; planId: string }, minutes: string) {
      return change(meeting.planId, actor, 'Meeting minutes recorded; the meeting was held', (tx) =>
        tx.meeting.update({ where: { id: meeting.id }, data: { status: 'HELD', minutes } }),
      );
    },

    cancelMeeting(actor: Actor, meeting: { id: string; planId: string; startsAt: Date }) {
      return change(meeting.planId, actor, `Meeting of ${meeting.startsAt.toISOString()} cancelled`, (tx) =>
        tx.meeting.update({ where: { id: meeting.id }, data: { status: 'CANCELLED' } }),
      );
    },

    handOverPlan(actor: Actor, planId: string, from: { name: string }, to: CaseworkerFacts) {
      return change(planId, actor, `Plan handed over from ${from.name} to ${to.name} (${to.department})`, async (tx) => {
        await upsertCaseworker(tx, to);
        return tx.plan.update({ where: { id: planId }, data: { coordinatorId: to.id } });
      });
    },

    /** A consent with its provenance; `recordedBy` is null when the citizen gave it themself. */
    recordConsent(input: {
      citizenId: string;
      categories: string[];
      recipients: string[];
      purpose: string;
      validUntil: Date;
      method: ConsentMethod;
      evidence: string | null;
      recordedBy: CaseworkerFacts | null;
    }) {
      const { recordedBy, ...consent } = input;
      return prisma.$transaction(async (tx) => {
        if (recordedBy) await upsertCaseworker(tx, recordedBy);
        return tx.consent.create({ data: { ...consent, recordedById: recordedBy?.id ?? null } });
      });
    },

    /** Revoking twice keeps the first revocation, its time and who; `revoked` says whether this call revoked it. */
    async revokeConsent(consentId: string, at: Date, by: string) {
      const { count } = await prisma.consent.updateMany({
        where: { id: consentId, revokedAt: null },
        data: { revokedAt: at, revokedBy: by },
      });
      return { consent: await prisma.consent.findUniqueOrThrow({ where: { id: consentId } }), revoked: count > 0 };
    },
  };
}

export type PlanWrites = ReturnType<typeof createPlanWrites>;
