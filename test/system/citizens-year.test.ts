import type { Identity } from '@oneplan/protocol';
import { syntheticCpr } from '@oneplan/kit';
import { as, type GraphQLResponse } from '../support/signed';
import { succeeded, withinAYear } from '../support/fresh-citizen';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/*
 * One citizen's year with one plan, end to end through the gateway over real
 * HTTP: a draft, the citizen's words and agreement, goals with efforts from three
 * departments under consent, a holistic meeting, a review, a handover — and a
 * revocation that hides the health efforts on the very next request.
 */

const COORDINATOR = as.caseworker('SOCIAL', 'cw-year-coordinator');
const UNIT: Identity = { ...as.caseworker('COORDINATION', 'cw-year-unit'), name: 'Maja Overgaard' };
const EMPLOYMENT = as.caseworker('EMPLOYMENT', 'cw-year-employment');
const HEALTH = as.caseworker('HEALTH', 'cw-year-health');

const CASELOAD = `query {
  myPlans(first: 20) {
    edges { node {
      id status nextReviewOn replaces citizenStatement
      citizen { name }
      agreement { method }
      goals {
        description department
        employmentActivities { kind goal { description } }
        socialMeasures { legalBasis }
        healthServices { kind }
      }
      meetings { kind status invited citizenTakesPart minutes }
      reviews { summary }
    } }
  }
}`;

interface CaseloadPlan {
  id: string;
  status: string;
  nextReviewOn: string;
  replaces: string[];
  citizenStatement: string | null;
  citizen: { name: string };
  agreement: { method: string } | null;
  goals: {
    description: string;
    department: string;
    employmentActivities: { kind: string; goal: { description: string } | null }[] | null;
    socialMeasures: { legalBasis: string }[] | null;
    healthServices: { kind: string }[] | null;
  }[];
  meetings: { kind: string; status: string; invited: string[]; citizenTakesPart: boolean; minutes: string | null }[];
  reviews: { summary: string }[];
}

let system: System;

beforeAll(async () => {
  system = await startSystem({ demo: false });
});

afterAll(async () => {
  await system?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function step<T>(caller: Identity, name: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  return succeeded(await system.query<T>(caller, query, variables), name);
}

async function caseloadOf(caller: Identity, planId: string): Promise<{ plan: CaseloadPlan; response: GraphQLResponse }> {
  const response = await system.query<{ myPlans: { edges: { node: CaseloadPlan }[] } }>(caller, CASELOAD);
  const plan = response.data!.myPlans.edges.map((edge) => edge.node).find((node) => node.id === planId);
  if (!plan) throw new Error(`plan ${planId} is not in the caseload: ${JSON.stringify(response)}`);
  return { plan, response };
}

it("walks one citizen's year: draft, agreement, efforts under goals, meeting, review, handover, revocation", async () => {
  // A draft plan for a newly registered citizen.
  const { registerCitizen } = await step<{ registerCitizen: { id: string } }>(
    COORDINATOR,
    'registerCitizen',
    'mutation($cpr: String!) { registerCitizen(input: {cpr: $cpr, name: "Anna Jensen"}) { id } }',
    { cpr: syntheticCpr(new Date(Date.UTC(1988, 2, 14)), 4321) },
  );
  const citizenId = registerCitizen.id;
  const citizen = as.citizen(citizenId);
  const { createPlan } = await step<{ createPlan: { id: string; status: string } }>(
    COORDINATOR,
    'createPlan',
    'mutation($c: ID!) { createPlan(input: {citizenId: $c, overallGoal: "A job and a home of my own", replaces: [MIN_PLAN, SOCIAL_ACTION_PLAN]}) { id status } }',
    { c: citizenId },
  );
  expect(createPlan.status).toBe('DRAFT');
  const planId = createPlan.id;

  // The citizen's own words, then their agreement, with their own token.
  await step(
    citizen,
    'setCitizenStatement',
    'mutation($p: ID!) { setCitizenStatement(input: {planId: $p, statement: "One contact person, not five."}) { id } }',
    {
      p: planId,
    },
  );
  const { agreeToPlan } = await step<{ agreeToPlan: { status: string } }>(
    citizen,
    'agreeToPlan',
    'mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: DIGITAL}) { status } }',
    { p: planId },
  );
  expect(agreeToPlan.status).toBe('ACTIVE');

  // The citizen consents to sharing every department's efforts with the coordinator and the coordination unit.
  const { recordConsent } = await step<{ recordConsent: { id: string } }>(
    COORDINATOR,
    'recordConsent',
    `mutation($c: ID!, $v: DateTime!) { recordConsent(input: {citizenId: $c, categories: [EMPLOYMENT_ACTIVITIES, SOCIAL_MEASURES, HEALTH_SERVICES],
      recipients: [SOCIAL, COORDINATION], purpose: "Coordinating the joint plan", validUntil: $v}) { id } }`,
    { c: citizenId, v: withinAYear() },
  );

  // Goals, and each department's effort under its goal.
  const goal = async (description: string, department: string) =>
    (
      await step<{ addGoal: { id: string } }>(
        COORDINATOR,
        'addGoal',
        `mutation($p: ID!, $d: String!) { addGoal(input: {planId: $p, description: $d, department: ${department}}) { id } }`,
        { p: planId, d: description },
      )
    ).addGoal.id;
  const workGoal = await goal('Internship of 10 hours a week', 'EMPLOYMENT');
  const homeGoal = await goal('Stable housing', 'SOCIAL');
  const healthGoal = await goal('Complete the rehabilitation course', 'HEALTH');
  await step(
    EMPLOYMENT,
    'addEmploymentActivity',
    'mutation($c: ID!, $g: ID!, $d: Date!) { addEmploymentActivity(input: {citizenId: $c, goalId: $g, kind: "Virksomhedspraktik", startsOn: $d}) { id } }',
    { c: citizenId, g: workGoal, d: today() },
  );
  await step(
    COORDINATOR,
    'addSocialMeasure',
    'mutation($c: ID!, $g: ID!, $d: Date!) { addSocialMeasure(input: {citizenId: $c, goalId: $g, legalBasis: "Serviceloven § 85", description: "Bostøtte", startsOn: $d}) { id } }',
    { c: citizenId, g: homeGoal, d: today() },
  );
  await step(
    HEALTH,
    'addHealthService',
    'mutation($c: ID!, $g: ID!, $d: Date!) { addHealthService(input: {citizenId: $c, goalId: $g, kind: "Genoptræning", description: "Back rehabilitation", startsOn: $d}) { id } }',
    { c: citizenId, g: healthGoal, d: today() },
  );

  // A holistic meeting with all three departments and the citizen, replacing two sector meetings.
  const startsAt = new Date(Date.now() + 1500).toISOString();
  const { scheduleMeeting } = await step<{ scheduleMeeting: { id: string } }>(
    COORDINATOR,
    'scheduleMeeting',
    `mutation($p: ID!, $s: DateTime!) { scheduleMeeting(input: {planId: $p, kind: HOLISTIC, startsAt: $s, agenda: "The plan together",
      invited: [EMPLOYMENT, SOCIAL, HEALTH], citizenTakesPart: true, replaces: ["jobsamtale LAB § 16", "opfølgning SEL § 141"]}) { id } }`,
    { p: planId, s: startsAt },
  );
  await new Promise((resolve) => setTimeout(resolve, Date.parse(startsAt) - Date.now() + 50));
  await step(
    COORDINATOR,
    'recordMeetingMinutes',
    'mutation($m: ID!) { recordMeetingMinutes(input: {meetingId: $m, minutes: "Agreed the internship hours."}) { status } }',
    {
      m: scheduleMeeting.id,
    },
  );

  // A review sets the next follow-up.
  await step(
    COORDINATOR,
    'recordPlanReview',
    'mutation($p: ID!, $h: Date!, $n: Date!) { recordPlanReview(input: {planId: $p, heldOn: $h, summary: "Going well", nextReviewOn: $n}) { id } }',
    { p: planId, h: today(), n: inDays(60) },
  );

  // The coordinator's screen in one query: every department's effort under its goal.
  const before = await caseloadOf(COORDINATOR, planId);
  expect(before.response.errors).toBeUndefined();
  expect(before.plan).toMatchObject({
    status: 'ACTIVE',
    nextReviewOn: inDays(60),
    replaces: ['MIN_PLAN', 'SOCIAL_ACTION_PLAN'],
    citizenStatement: 'One contact person, not five.',
    citizen: { name: 'Anna Jensen' },
    agreement: { method: 'DIGITAL' },
    meetings: [{ kind: 'HOLISTIC', status: 'HELD', invited: ['EMPLOYMENT', 'SOCIAL', 'HEALTH'], citizenTakesPart: true }],
    reviews: [{ summary: 'Going well' }],
  });
  const byDescription = Object.fromEntries(before.plan.goals.map((g) => [g.description, g]));
  expect(byDescription['Internship of 10 hours a week']!.employmentActivities).toEqual([
    { kind: 'Virksomhedspraktik', goal: { description: 'Internship of 10 hours a week' } },
  ]);
  expect(byDescription['Stable housing']!.socialMeasures).toEqual([{ legalBasis: 'Serviceloven § 85' }]);
  expect(byDescription['Complete the rehabilitation course']!.healthServices).toEqual([{ kind: 'Genoptræning' }]);

  // Handed over to the coordination unit, which now has the plan in its caseload.
  await step(
    COORDINATOR,
    'handOverPlan',
    'mutation($p: ID!) { handOverPlan(input: {planId: $p, coordinatorId: "cw-year-unit", coordinatorName: "Maja Overgaard", coordinatorDepartment: COORDINATION}) { id } }',
    { p: planId },
  );
  const handed = await caseloadOf(UNIT, planId);
  expect(handed.response.errors).toBeUndefined();
  expect(handed.plan.goals.find((g) => g.department === 'HEALTH')!.healthServices).toEqual([{ kind: 'Genoptræning' }]);

  // The citizen revokes the consent: the very next request hides the health efforts, and says why.
  await step(citizen, 'revokeConsent', 'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active } }', {
    id: recordConsent.id,
  });
  const after = await caseloadOf(UNIT, planId);
  const healthAfter = after.plan.goals.find((g) => g.department === 'HEALTH')!;
  expect(healthAfter.healthServices).toBeNull();
  expect(after.plan.goals.find((g) => g.department === 'EMPLOYMENT')!.employmentActivities).toBeNull();
  const denials = (after.response.errors ?? []).map((error) => error.extensions);
  expect(denials).toEqual(
    expect.arrayContaining([
      { code: 'CONSENT_REQUIRED', category: 'HEALTH_SERVICES' },
      { code: 'CONSENT_REQUIRED', category: 'EMPLOYMENT_ACTIVITIES' },
      { code: 'CONSENT_REQUIRED', category: 'SOCIAL_MEASURES' },
    ]),
  );

  // The citizen sees their plan's history and everyone who looked them up.
  const { me } = await step<{
    me: { plan: { revisions: { actorName: string; change: string }[] }; accessLog: { actorName: string; category: string }[] };
  }>(citizen, 'me', 'query { me { plan { revisions { actorName change } } accessLog(first: 500) { actorName category } } }');
  expect(me.plan.revisions.map((revision) => revision.change)).toEqual(
    expect.arrayContaining([
      'Plan created as a draft',
      "Citizen's statement set",
      'Citizen agreed to the plan (DIGITAL); the plan is active',
      'Meeting minutes recorded; the meeting was held',
      'Plan handed over from SOCIAL caseworker to Maja Overgaard (COORDINATION)',
    ]),
  );
  const lookedUp = new Set(me.accessLog.filter((event) => event.category === 'IDENTITY').map((event) => event.actorName));
  expect(lookedUp).toEqual(new Set([COORDINATOR.name, UNIT.name, citizen.name]));
});
