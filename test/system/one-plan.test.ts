import type { Identity } from '@oneplan/protocol';
import { syntheticCpr } from '@oneplan/kit';
import { as, codes, type GraphQLResponse } from '../support/signed';
import { succeeded } from '../support/fresh-citizen';
import { accessEventsOf } from '../support/access-events';
import { databaseRefusal } from '../support/database-refusal';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/*
 * The plan as the second edition of the contract describes it: the citizen's
 * voice and agreement, follow-up, holistic meetings, a caseload, handover, and an
 * append-only history — each mutation's rules and refusals, through the gateway.
 */

const PLAN_FIELDS = `id status startsOn endsOn nextReviewOn replaces citizenStatement
  coordinator { id name department }
  agreement { method recordedBy { id } }
  reviews { heldOn summary nextReviewOn by { id } }
  meetings { id kind status startsAt invited citizenTakesPart replaces agenda minutes }
  revisions { actorName actorRole change }`;

interface PlanView {
  id: string;
  status: string;
  startsOn: string;
  endsOn: string;
  nextReviewOn: string;
  replaces: string[];
  citizenStatement: string | null;
  coordinator: { id: string; name: string; department: string };
  agreement: { method: string; recordedBy: { id: string } | null } | null;
  reviews: { heldOn: string; summary: string; nextReviewOn: string; by: { id: string } }[];
  meetings: {
    id: string;
    kind: string;
    status: string;
    startsAt: string;
    invited: string[];
    citizenTakesPart: boolean;
    replaces: string[];
    agenda: string;
    minutes: string | null;
  }[];
  revisions: { actorName: string; actorRole: string; change: string }[];
}

const DAY_MS = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const daysFromNow = (days: number) => isoDate(new Date(Date.now() + days * DAY_MS));

let system: System;
let serial = 0;

beforeAll(async () => {
  system = await startSystem({ demo: false });
});

afterAll(async () => {
  await system?.stop();
});

/** The field of a BAD_USER_INPUT, or the code of any other error. */
function refusal(response: GraphQLResponse): unknown {
  const error = response.errors?.[0];
  return error?.extensions?.field ? [error.extensions.code, error.extensions.field] : error?.extensions?.code;
}

async function registered(coordinator: Identity): Promise<string> {
  serial += 1;
  const response = await system.query<{ registerCitizen: { id: string } }>(
    coordinator,
    'mutation($cpr: String!) { registerCitizen(input: {cpr: $cpr, name: "Plan Citizen"}) { id } }',
    { cpr: syntheticCpr(new Date(Date.UTC(1990, 4, 1 + (serial % 28))), 100 + serial) },
  );
  return succeeded(response, 'registerCitizen').registerCitizen.id;
}

/** A citizen with a fresh draft plan coordinated by `coordinator`. */
async function draftPlan(coordinator: Identity, extra = '') {
  const citizenId = await registered(coordinator);
  const response = await system.query<{ createPlan: PlanView }>(
    coordinator,
    `mutation($c: ID!) { createPlan(input: {citizenId: $c, overallGoal: "Work and a home"${extra}}) { ${PLAN_FIELDS} } }`,
    { c: citizenId },
  );
  return { citizenId, plan: succeeded(response, 'createPlan').createPlan };
}

function planOf(caller: Identity, planId: string) {
  return system
    .query<{ plansDueForReview: PlanView[] }>(
      caller,
      `query { plansDueForReview(before: "2100-01-01", first: 20) { ${PLAN_FIELDS} } }`,
    )
    .then((response) => succeeded(response, 'plansDueForReview').plansDueForReview.find((plan) => plan.id === planId));
}

async function rowCounts(planId: string) {
  const prisma = system.plan.db.prisma;
  return {
    plan: JSON.stringify(await prisma.plan.findUniqueOrThrow({ where: { id: planId } })),
    revisions: await prisma.planRevision.count({ where: { planId } }),
    reviews: await prisma.planReview.count({ where: { planId } }),
    meetings: await prisma.meeting.count({ where: { planId } }),
  };
}

/** Runs a refused mutation and checks it changed nothing. */
async function refusedWithoutChange(planId: string, run: () => Promise<GraphQLResponse>): Promise<unknown> {
  const before = await rowCounts(planId);
  const response = await run();
  expect(response.data?.[Object.keys(response.data ?? {})[0] ?? ''] ?? null).toBeNull();
  expect(await rowCounts(planId)).toEqual(before);
  return refusal(response);
}

describe('making the plan with the citizen', () => {
  const coordinator = as.caseworker('SOCIAL', 'cw-one-plan-social');

  it('creates a draft with the sector plans it will replace, the citizen’s words and a review three months on', async () => {
    const today = new Date();
    const { plan } = await draftPlan(
      coordinator,
      ', replaces: [MIN_PLAN, SOCIAL_ACTION_PLAN, MIN_PLAN], citizenStatement: "  One contact person, please.  "',
    );
    expect(plan).toMatchObject({
      status: 'DRAFT',
      startsOn: isoDate(today),
      replaces: ['MIN_PLAN', 'SOCIAL_ACTION_PLAN'],
      citizenStatement: 'One contact person, please.',
      agreement: null,
      reviews: [],
      meetings: [],
      coordinator: { id: coordinator.sub, department: 'SOCIAL' },
      revisions: [{ actorName: coordinator.name, actorRole: 'caseworker', change: 'Plan created as a draft' }],
    });
    const threeMonths = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 3, 1));
    const lastDay = new Date(Date.UTC(threeMonths.getUTCFullYear(), threeMonths.getUTCMonth() + 1, 0)).getUTCDate();
    threeMonths.setUTCDate(Math.min(today.getUTCDate(), lastDay));
    expect(plan.nextReviewOn).toBe(isoDate(threeMonths));
  });

  it('keeps a plan a draft until the citizen agrees: ACTIVE without an agreement is refused on the status field', async () => {
    const { plan } = await draftPlan(coordinator);
    const outcome = await refusedWithoutChange(plan.id, () =>
      system.query(coordinator, 'mutation($p: ID!) { setPlanStatus(input: {planId: $p, status: ACTIVE}) { id } }', {
        p: plan.id,
      }),
    );
    expect(outcome).toEqual(['BAD_USER_INPUT', 'status']);
  });

  it('lets the coordinator and the citizen — no one else — set the citizen’s statement', async () => {
    const { citizenId, plan } = await draftPlan(coordinator);
    const other = await draftPlan(coordinator);
    const set = (caller: Identity, statement: string, planId = plan.id) =>
      system.query<{ setCitizenStatement: { citizenStatement: string } }>(
        caller,
        'mutation($p: ID!, $s: String!) { setCitizenStatement(input: {planId: $p, statement: $s}) { citizenStatement } }',
        { p: planId, s: statement },
      );
    expect(succeeded(await set(as.citizen(citizenId), 'In my own words'), 'own').setCitizenStatement.citizenStatement).toBe(
      'In my own words',
    );
    expect(succeeded(await set(coordinator, 'As said in the meeting'), 'coordinator').setCitizenStatement.citizenStatement).toBe(
      'As said in the meeting',
    );
    expect(await refusedWithoutChange(other.plan.id, () => set(as.citizen(citizenId), 'Not mine', other.plan.id))).toBe(
      'NOT_FOUND',
    );
    expect(await refusedWithoutChange(plan.id, () => set(as.caseworker('HEALTH', 'cw-not-coordinator'), 'No'))).toBe('FORBIDDEN');
    expect(await refusedWithoutChange(plan.id, () => set(coordinator, '   '))).toEqual(['BAD_USER_INPUT', 'statement']);
    expect(await refusedWithoutChange(plan.id, () => set(as.analyst(), 'No'))).toBe('FORBIDDEN');
  });

  it('takes the citizen’s own agreement digitally, which makes the plan active, once', async () => {
    const { citizenId, plan } = await draftPlan(coordinator);
    const agree = (caller: Identity, method: string) =>
      system.query<{ agreeToPlan: PlanView }>(
        caller,
        `mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: ${method}}) { ${PLAN_FIELDS} } }`,
        { p: plan.id },
      );
    const citizen = as.citizen(citizenId);
    expect(await refusedWithoutChange(plan.id, () => agree(citizen, 'IN_MEETING'))).toEqual(['BAD_USER_INPUT', 'method']);
    const agreed = succeeded(await agree(citizen, 'DIGITAL'), 'agreeToPlan').agreeToPlan;
    expect(agreed).toMatchObject({ status: 'ACTIVE', agreement: { method: 'DIGITAL', recordedBy: null } });
    expect(agreed.revisions[0]).toEqual({
      actorName: citizen.name,
      actorRole: 'citizen',
      change: 'Citizen agreed to the plan (DIGITAL); the plan is active',
    });
    expect(await refusedWithoutChange(plan.id, () => agree(citizen, 'DIGITAL'))).toEqual(['BAD_USER_INPUT', 'planId']);
    const stranger = as.citizen((await draftPlan(coordinator)).citizenId);
    expect(await refusedWithoutChange(plan.id, () => agree(stranger, 'DIGITAL'))).toBe('NOT_FOUND');
    const back = () =>
      system.query(coordinator, 'mutation($p: ID!) { setPlanStatus(input: {planId: $p, status: DRAFT}) { id } }', { p: plan.id });
    expect(await refusedWithoutChange(plan.id, back)).toEqual(['BAD_USER_INPUT', 'status']);
  });

  it('lets the coordinator record an agreement given in a meeting or in writing, never a digital one', async () => {
    const { plan } = await draftPlan(coordinator);
    const agree = (method: string) =>
      system.query<{ agreeToPlan: PlanView }>(
        coordinator,
        `mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: ${method}}) { ${PLAN_FIELDS} } }`,
        { p: plan.id },
      );
    expect(await refusedWithoutChange(plan.id, () => agree('DIGITAL'))).toEqual(['BAD_USER_INPUT', 'method']);
    const agreed = succeeded(await agree('IN_WRITING'), 'agreeToPlan').agreeToPlan;
    expect(agreed).toMatchObject({ status: 'ACTIVE', agreement: { method: 'IN_WRITING', recordedBy: { id: coordinator.sub } } });
  });

  it('lets the citizen decline a draft: it is cancelled, and stays closed', async () => {
    const { citizenId, plan } = await draftPlan(coordinator, ', replaces: [MIN_PLAN]');
    const declined = await system.query<{ declinePlan: PlanView }>(
      as.citizen(citizenId),
      `mutation($p: ID!) { declinePlan(input: {planId: $p, method: DIGITAL}) { ${PLAN_FIELDS} } }`,
      { p: plan.id },
    );
    expect(succeeded(declined, 'declinePlan').declinePlan).toMatchObject({
      status: 'CANCELLED',
      agreement: null,
      replaces: ['MIN_PLAN'],
    });
    expect(declined.data!.declinePlan.revisions[0]!.change).toBe(
      'Citizen declined the plan (DIGITAL); the sector plans stay in force',
    );
    const agree = () =>
      system.query(as.citizen(citizenId), 'mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: DIGITAL}) { id } }', {
        p: plan.id,
      });
    expect(await refusedWithoutChange(plan.id, agree)).toEqual(['BAD_USER_INPUT', 'planId']);
  });
});

describe('following the plan up', () => {
  const coordinator = as.caseworker('EMPLOYMENT', 'cw-one-plan-follow-up');

  async function activePlan() {
    const made = await draftPlan(coordinator);
    succeeded(
      await system.query(coordinator, 'mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: IN_MEETING}) { id } }', {
        p: made.plan.id,
      }),
      'agreeToPlan',
    );
    return made;
  }

  const review = (planId: string, heldOn: string, nextReviewOn: string, caller: Identity = coordinator) =>
    system.query<{ recordPlanReview: { heldOn: string; nextReviewOn: string; by: { id: string } } }>(
      caller,
      `mutation($p: ID!, $h: Date!, $n: Date!) {
        recordPlanReview(input: {planId: $p, heldOn: $h, summary: "Hours up to 20", nextReviewOn: $n}) { heldOn nextReviewOn by { id } }
      }`,
      { p: planId, h: heldOn, n: nextReviewOn },
    );

  it('records a review, which sets the next one; reviews list newest first', async () => {
    const { plan } = await activePlan();
    const today = daysFromNow(0);
    const first = succeeded(await review(plan.id, today, daysFromNow(30)), 'review');
    expect(first.recordPlanReview).toEqual({ heldOn: today, nextReviewOn: daysFromNow(30), by: { id: coordinator.sub } });
    succeeded(await review(plan.id, today, daysFromNow(90)), 'second review');
    const after = await planOf(coordinator, plan.id);
    expect(after!.nextReviewOn).toBe(daysFromNow(90));
    expect(after!.reviews.map((r) => r.nextReviewOn)).toEqual([daysFromNow(90), daysFromNow(30)]);
    expect(after!.revisions.slice(0, 2).map((r) => r.change)).toEqual([
      `Plan reviewed; next review on ${daysFromNow(90)}`,
      `Plan reviewed; next review on ${daysFromNow(30)}`,
    ]);
  });

  it('refuses impossible reviews and leaves the plan as it was', async () => {
    const { plan } = await activePlan();
    const draft = await draftPlan(coordinator);
    const today = daysFromNow(0);
    expect(await refusedWithoutChange(plan.id, () => review(plan.id, today, today))).toEqual(['BAD_USER_INPUT', 'nextReviewOn']);
    expect(await refusedWithoutChange(plan.id, () => review(plan.id, today, daysFromNow(400)))).toEqual([
      'BAD_USER_INPUT',
      'nextReviewOn',
    ]);
    expect(await refusedWithoutChange(plan.id, () => review(plan.id, daysFromNow(2), daysFromNow(30)))).toEqual([
      'BAD_USER_INPUT',
      'heldOn',
    ]);
    // The gateway checks the Date itself, naming the field (client-mistakes.test.ts).
    expect(await refusedWithoutChange(plan.id, () => review(plan.id, '2026-02-30', daysFromNow(30)))).toEqual([
      'BAD_USER_INPUT',
      'heldOn',
    ]);
    expect(await refusedWithoutChange(draft.plan.id, () => review(draft.plan.id, today, daysFromNow(30)))).toEqual([
      'BAD_USER_INPUT',
      'planId',
    ]);
    expect(await refusedWithoutChange(plan.id, () => review(plan.id, today, daysFromNow(30), as.caseworker('EMPLOYMENT')))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('holistic meetings', () => {
  const coordinator = as.caseworker('HEALTH', 'cw-one-plan-meetings');

  const schedule = (planId: string, startsAt: string, fields = 'invited: [EMPLOYMENT, HEALTH, SOCIAL]') =>
    system.query<{ scheduleMeeting: PlanView['meetings'][number] }>(
      coordinator,
      `mutation($p: ID!, $s: DateTime!) {
        scheduleMeeting(input: {planId: $p, kind: HOLISTIC, startsAt: $s, place: "Jobcenter", agenda: "The whole plan",
          ${fields}, citizenTakesPart: true, replaces: ["jobsamtale LAB § 16", "opfølgning SEL § 141"]}) {
          id kind status startsAt invited citizenTakesPart replaces agenda minutes
        }
      }`,
      { p: planId, s: startsAt },
    );
  const minutes = (meetingId: string, text = 'All three departments agreed the next steps.') =>
    system.query<{ recordMeetingMinutes: { status: string; minutes: string } }>(
      coordinator,
      'mutation($m: ID!, $t: String!) { recordMeetingMinutes(input: {meetingId: $m, minutes: $t}) { status minutes } }',
      { m: meetingId, t: text },
    );
  const cancel = (meetingId: string) =>
    system.query<{ cancelMeeting: { status: string } }>(
      coordinator,
      'mutation($m: ID!) { cancelMeeting(input: {meetingId: $m}) { status } }',
      {
        m: meetingId,
      },
    );

  it('schedules a meeting with the departments taking part and the sector meetings it replaces, then records its minutes', async () => {
    const { plan } = await draftPlan(coordinator);
    const soon = new Date(Date.now() + 1500).toISOString();
    const later = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const far = succeeded(await schedule(plan.id, later), 'schedule later').scheduleMeeting;
    const near = succeeded(await schedule(plan.id, soon), 'schedule soon').scheduleMeeting;
    expect(near).toMatchObject({
      kind: 'HOLISTIC',
      status: 'PLANNED',
      invited: ['EMPLOYMENT', 'HEALTH', 'SOCIAL'],
      citizenTakesPart: true,
      replaces: ['jobsamtale LAB § 16', 'opfølgning SEL § 141'],
      minutes: null,
    });
    expect(await refusedWithoutChange(plan.id, () => minutes(near.id))).toEqual(['BAD_USER_INPUT', 'meetingId']);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 50));
    expect(succeeded(await minutes(near.id), 'minutes').recordMeetingMinutes).toEqual({
      status: 'HELD',
      minutes: 'All three departments agreed the next steps.',
    });
    expect(await refusedWithoutChange(plan.id, () => minutes(near.id, 'Again'))).toEqual(['BAD_USER_INPUT', 'meetingId']);
    expect(succeeded(await cancel(far.id), 'cancel').cancelMeeting.status).toBe('CANCELLED');
    expect(await refusedWithoutChange(plan.id, () => cancel(far.id))).toEqual(['BAD_USER_INPUT', 'meetingId']);
    const after = await planOf(coordinator, plan.id);
    expect(after!.meetings.map((meeting) => [meeting.id, meeting.status])).toEqual([
      [near.id, 'HELD'],
      [far.id, 'CANCELLED'],
    ]);
  });

  it('refuses a meeting in the past, with no one invited, or far beyond the plan’s horizon', async () => {
    const { plan } = await draftPlan(coordinator);
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString();
    expect(await refusedWithoutChange(plan.id, () => schedule(plan.id, new Date(Date.now() - 60_000).toISOString()))).toEqual([
      'BAD_USER_INPUT',
      'startsAt',
    ]);
    expect(await refusedWithoutChange(plan.id, () => schedule(plan.id, '2031-01-01T09:00:00Z'))).toEqual([
      'BAD_USER_INPUT',
      'startsAt',
    ]);
    expect(await refusedWithoutChange(plan.id, () => schedule(plan.id, tomorrow, 'invited: []'))).toEqual([
      'BAD_USER_INPUT',
      'invited',
    ]);
    expect(await refusedWithoutChange(plan.id, () => cancel('not-an-id'))).toEqual(['BAD_USER_INPUT', 'meetingId']);
    expect(await refusedWithoutChange(plan.id, () => cancel('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
  });
});

describe('the caseload', () => {
  const mine = as.caseworker('SOCIAL', 'cw-one-plan-caseload');
  const unit = as.caseworker('COORDINATION', 'cw-one-plan-unit');

  const page = (caller: Identity, first: number, after?: string) =>
    system.query<{
      myPlans: {
        edges: { cursor: string; node: { id: string; nextReviewOn: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(
      caller,
      'query($f: Int, $a: String) { myPlans(first: $f, after: $a) { edges { cursor node { id nextReviewOn } } pageInfo { hasNextPage endCursor } } }',
      { f: first, a: after },
    );

  it('pages through the coordinator’s open plans, soonest review first, and logs each as a read', async () => {
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await draftPlan(mine, `, startsOn: "${daysFromNow(10 - i * 2)}"`));
    const seen: { id: string; nextReviewOn: string }[] = [];
    let after: string | undefined;
    for (;;) {
      const answer = succeeded(await page(mine, 2, after), 'myPlans').myPlans;
      seen.push(...answer.edges.map((edge) => edge.node));
      if (!answer.pageInfo.hasNextPage) break;
      after = answer.pageInfo.endCursor!;
    }
    expect(seen.map((plan) => plan.id).sort()).toEqual(made.map((m) => m.plan.id).sort());
    expect(seen.map((plan) => plan.nextReviewOn)).toEqual([...seen.map((plan) => plan.nextReviewOn)].sort());
    const logged = await accessEventsOf(system.plan.db.prisma, made[0]!.citizenId);
    expect(logged.filter((event) => event.category === 'PLAN' && event.actorSub === mine.sub)).not.toHaveLength(0);
  });

  it('refuses a foreign cursor, a page out of range and a caller without a caseload', async () => {
    expect(refusal(await page(mine, 2, Buffer.from('citizen:x').toString('base64url')))).toEqual(['BAD_USER_INPUT', 'after']);
    expect(refusal(await page(mine, 0))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(refusal(await page(mine, 101))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codes(await page(as.analyst(), 5))).toEqual(['FORBIDDEN']);
  });

  it('shows a caseworker their own plans due for review and the coordination unit everyone’s', async () => {
    const own = await draftPlan(mine);
    const others = await draftPlan(as.caseworker('HEALTH', 'cw-one-plan-someone-else'));
    const due = (caller: Identity) =>
      system
        .query<{ plansDueForReview: { id: string }[] }>(
          caller,
          `query { plansDueForReview(before: "${daysFromNow(120)}") { id } }`,
        )
        .then((response) => succeeded(response, 'plansDueForReview').plansDueForReview.map((plan) => plan.id));
    expect(await due(mine)).toContain(own.plan.id);
    expect(await due(mine)).not.toContain(others.plan.id);
    expect(await due(unit)).toEqual(expect.arrayContaining([own.plan.id, others.plan.id]));
    expect(await due(as.caseworker('HEALTH', 'cw-one-plan-nobody'))).toEqual([]);
    const events = await accessEventsOf(system.plan.db.prisma, others.citizenId);
    expect(events.some((event) => event.actorSub === unit.sub && event.category === 'PLAN' && event.decision === 'ALLOWED')).toBe(
      true,
    );
  });

  it('hands a plan over: to the coordination unit’s or the coordinator’s say, never another caseworker’s', async () => {
    const { plan } = await draftPlan(mine);
    const handOver = (caller: Identity, to: string) =>
      system.query<{ handOverPlan: PlanView }>(
        caller,
        `mutation($p: ID!, $to: ID!) {
          handOverPlan(input: {planId: $p, coordinatorId: $to, coordinatorName: "Maja Overgaard", coordinatorDepartment: COORDINATION}) { ${PLAN_FIELDS} }
        }`,
        { p: plan.id, to },
      );
    expect(await refusedWithoutChange(plan.id, () => handOver(as.caseworker('HEALTH', 'cw-stranger'), 'cw-stranger'))).toBe(
      'FORBIDDEN',
    );
    expect(await refusedWithoutChange(plan.id, () => handOver(mine, mine.sub))).toEqual(['BAD_USER_INPUT', 'coordinatorId']);
    const handed = succeeded(await handOver(unit, 'cw-one-plan-new'), 'handOverPlan').handOverPlan;
    expect(handed.coordinator).toEqual({ id: 'cw-one-plan-new', name: 'Maja Overgaard', department: 'COORDINATION' });
    expect(handed.revisions[0]).toMatchObject({
      actorName: unit.name,
      change: `Plan handed over from ${mine.name} to Maja Overgaard (COORDINATION)`,
    });
    const ids = async (caller: Identity) =>
      succeeded(await page(caller, 100), 'myPlans').myPlans.edges.map((edge) => edge.node.id);
    expect(await ids(mine)).not.toContain(plan.id);
    expect(await ids(as.caseworker('COORDINATION', 'cw-one-plan-new'))).toContain(plan.id);
  });
});

describe('the plan’s history', () => {
  it('is written by every change, newest first, and cannot be changed or deleted even in the database', async () => {
    const coordinator = as.caseworker('COORDINATION', 'cw-one-plan-history');
    const { citizenId, plan } = await draftPlan(coordinator);
    const goal = succeeded(
      await system.query<{ addGoal: { id: string } }>(
        coordinator,
        'mutation($p: ID!) { addGoal(input: {planId: $p, description: "Stable housing", department: SOCIAL}) { id } }',
        { p: plan.id },
      ),
      'addGoal',
    ).addGoal.id;
    succeeded(
      await system.query(coordinator, 'mutation($g: ID!) { setGoalStatus(input: {goalId: $g, status: IN_PROGRESS}) { id } }', {
        g: goal,
      }),
      'setGoalStatus',
    );
    succeeded(
      await system.query(
        as.citizen(citizenId),
        'mutation($p: ID!) { setCitizenStatement(input: {planId: $p, statement: "Home first"}) { id } }',
        {
          p: plan.id,
        },
      ),
      'setCitizenStatement',
    );
    const after = await planOf(coordinator, plan.id);
    expect(after!.revisions.map((revision) => [revision.actorRole, revision.change])).toEqual([
      ['citizen', "Citizen's statement set"],
      ['caseworker', 'Goal status set to IN_PROGRESS: Stable housing'],
      ['caseworker', 'Goal added for SOCIAL: Stable housing'],
      ['caseworker', 'Plan created as a draft'],
    ]);
    const prisma = system.plan.db.prisma;
    for (const change of [
      `UPDATE "PlanRevision" SET "change" = 'nothing'`,
      'DELETE FROM "PlanRevision"',
      'TRUNCATE "PlanRevision" CASCADE',
    ]) {
      expect(await databaseRefusal(prisma.$executeRawUnsafe(change))).toBe('plan revisions are append-only');
    }
    expect(await prisma.planRevision.count({ where: { planId: plan.id } })).toBe(4);
  });
});

describe('what a change answers', () => {
  it('is logged like a read of the plan, under the purpose that allowed the change', async () => {
    const coordinator = as.caseworker('HEALTH', 'cw-one-plan-answers');
    const unit = as.caseworker('COORDINATION', 'cw-one-plan-answers-unit');
    const { citizenId, plan } = await draftPlan(coordinator);
    const planReads = async () =>
      (await accessEventsOf(system.plan.db.prisma, citizenId))
        .filter((event) => event.category === 'PLAN')
        .map((event) => [event.actorSub, event.decision, event.purpose]);
    expect(await planReads()).toEqual([[coordinator.sub, 'ALLOWED', 'Case work']]);
    succeeded(
      await system.query(
        as.citizen(citizenId),
        'mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: DIGITAL}) { status } }',
        {
          p: plan.id,
        },
      ),
      'agreeToPlan',
    );
    succeeded(
      await system.query(
        unit,
        'mutation($p: ID!) { handOverPlan(input: {planId: $p, coordinatorId: "cw-new", coordinatorName: "New", coordinatorDepartment: SOCIAL}) { id } }',
        { p: plan.id },
      ),
      'handOverPlan',
    );
    expect((await planReads()).slice(1)).toEqual([
      [`citizen-${citizenId}`, 'ALLOWED', "Citizen's right of access"],
      [unit.sub, 'ALLOWED', 'Coordination unit oversight'],
    ]);
  });
});
