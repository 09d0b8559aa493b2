import { syntheticCpr } from '@oneplan/kit';
import type { ConsentableCategory, DataCategory, Department, Identity } from '@oneplan/protocol';
import { as, type GraphQLResponse } from './signed';
import type { System } from '../../scripts/system/in-process-system';

/** A citizen made for one test: a plan with one goal and one record in every category, each naming the citizen's label. */
export interface FreshCitizen {
  id: string;
  label: string;
  planId: string;
  coordinator: Identity;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Fails the test with the whole response when a set-up step did not do what it must. */
export function succeeded<T>(response: GraphQLResponse<T>, step: string): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`${step} failed: ${JSON.stringify(response)}`);
  }
  return response.data;
}

let serial = Math.floor(Math.random() * 500);

/** A CPR for a new citizen: a leap day the demo cohort seldom draws, with a fresh serial; `freshCitizen` retries a taken one. */
function unusedCpr(): string {
  serial += 1;
  const birth = new Date(Date.UTC(1952, 1, 29));
  return syntheticCpr(birth, serial % 4000);
}

/**
 * Registers a citizen through the graph, has `coordinator` create their plan
 * (with one goal), and has each department write one record in each of its
 * categories, every text naming `label` so a leak between citizens shows.
 */
export async function freshCitizen(system: System, label: string, coordinator: Identity): Promise<FreshCitizen> {
  let registered: GraphQLResponse<{ registerCitizen: { id: string } }> | undefined;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    registered = await system.query(
      coordinator,
      'mutation($cpr: String!, $name: String!) { registerCitizen(input: {cpr: $cpr, name: $name}) { id } }',
      {
        cpr: unusedCpr(),
        name: `Citizen ${label}`,
      },
    );
    if (!registered.errors?.some((error) => error.extensions?.code === 'BAD_USER_INPUT')) break;
  }
  const id = succeeded(registered!, 'registerCitizen').registerCitizen.id;
  const plan = succeeded(
    await system.query<{ createPlan: { id: string } }>(
      coordinator,
      'mutation($c: ID!, $g: String!) { createPlan(input: {citizenId: $c, overallGoal: $g}) { id } }',
      {
        c: id,
        g: `Plan of ${label}`,
      },
    ),
    'createPlan',
  );
  const planId = plan.createPlan.id;
  const day = today();
  const goalId = succeeded(
    await system.query<{ addGoal: { id: string } }>(
      coordinator,
      'mutation($p: ID!, $d: String!) { addGoal(input: {planId: $p, description: $d, department: EMPLOYMENT}) { id } }',
      { p: planId, d: `Goal of ${label}` },
    ),
    'addGoal',
  ).addGoal.id;
  await Promise.all([
    followedUp(system, coordinator, planId, label),
    system
      .query(
        as.caseworker('EMPLOYMENT', 'cw-employment-writer'),
        `mutation($c: ID!, $g: ID!, $t: String!, $k: String!, $day: Date!) {
        setEmploymentStatus(input: {citizenId: $c, targetGroup: $t, jobReadiness: ACTIVITY_READY}) { targetGroup }
        addEmploymentActivity(input: {citizenId: $c, goalId: $g, kind: $k, startsOn: $day}) { id }
      }`,
        { c: id, g: goalId, t: `Target group of ${label}`, k: `Activity of ${label}`, day },
      )
      .then((response) => succeeded(response, 'employment records')),
    system
      .query(
        as.caseworker('SOCIAL', 'cw-social-writer'),
        `mutation($c: ID!, $g: ID!, $d: String!, $day: Date!) {
        addSocialMeasure(input: {citizenId: $c, goalId: $g, legalBasis: "Serviceloven § 85", description: $d, startsOn: $day}) { id }
      }`,
        { c: id, g: goalId, d: `Measure of ${label}`, day },
      )
      .then((response) => succeeded(response, 'social record')),
    system
      .query(
        as.caseworker('HEALTH', 'cw-health-writer'),
        `mutation($c: ID!, $g: ID!, $s: String!, $d: String!, $day: Date!) {
        addHealthService(input: {citizenId: $c, goalId: $g, kind: "Genoptræning", description: $s, startsOn: $day}) { id }
        addHealthCondition(input: {citizenId: $c, description: $d, since: "2025-01-01"}) { id }
      }`,
        { c: id, g: goalId, s: `Service of ${label}`, d: `Condition of ${label}`, day },
      )
      .then((response) => succeeded(response, 'health records')),
  ]);
  return { id, label, planId, coordinator };
}

/**
 * The plan as it is followed up: the citizen's agreement recorded in a meeting, a
 * review, and the next holistic meeting, one after another so that the plan's
 * revisions come in a known order (`PLAN_REVISIONS`).
 */
async function followedUp(system: System, coordinator: Identity, planId: string, label: string): Promise<void> {
  const step = async (name: string, query: string, variables: Record<string, unknown>) =>
    succeeded(await system.query(coordinator, query, { p: planId, ...variables }), name);
  await step('agreeToPlan', 'mutation($p: ID!) { agreeToPlan(input: {planId: $p, method: IN_MEETING}) { id } }', {});
  await step(
    'recordPlanReview',
    'mutation($p: ID!, $h: Date!, $n: Date!, $s: String!) { recordPlanReview(input: {planId: $p, heldOn: $h, summary: $s, nextReviewOn: $n}) { id } }',
    { h: today(), n: NEXT_REVIEW_ON(), s: `Review of ${label}` },
  );
  await step(
    'scheduleMeeting',
    `mutation($p: ID!, $s: DateTime!, $a: String!) { scheduleMeeting(input: {planId: $p, kind: HOLISTIC, startsAt: $s, agenda: $a,
      invited: [EMPLOYMENT, SOCIAL, HEALTH], citizenTakesPart: true}) { id } }`,
    { s: new Date(Date.now() + 7 * 86_400_000).toISOString(), a: `Meeting of ${label}` },
  );
}

const NEXT_REVIEW_ON = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** The changes `freshCitizen` makes to a plan, newest first, as its revisions name them. */
export function planRevisions(label: string): unknown[] {
  return [
    expect.stringMatching(/^Holistic meeting scheduled for \d{4}-/),
    `Plan reviewed; next review on ${NEXT_REVIEW_ON()}`,
    'Citizen agreed to the plan (IN_MEETING); the plan is active',
    `Goal added for EMPLOYMENT: Goal of ${label}`,
    'Plan created as a draft',
  ];
}

/** A consent's `validUntil` the graph accepts: in the future, and within the year a consent may last at most. */
export const withinAYear = (): string => new Date(Date.now() + 300 * 86_400_000).toISOString();

/** Records a consent through the graph (as any caseworker may) and returns its id. */
export async function recordConsent(
  system: System,
  citizenId: string,
  categories: readonly DataCategory[],
  recipients: readonly Department[],
  purpose: string,
  validUntil = withinAYear(),
): Promise<string> {
  const response = await system.query<{ recordConsent: { id: string } }>(
    as.caseworker('COORDINATION', 'cw-consent-recorder'),
    'mutation($c: ID!, $cat: [DataCategory!]!, $r: [Department!]!, $p: String!, $v: DateTime!) { recordConsent(input: {citizenId: $c, categories: $cat, recipients: $r, purpose: $p, validUntil: $v}) { id } }',
    { c: citizenId, cat: categories, r: recipients, p: purpose, v: validUntil },
  );
  return succeeded(response, 'recordConsent').recordConsent.id;
}

/** The query that reads every category of one citizen, and where each category's answer sits in it. */
export const EVERY_CATEGORY = `query($id: ID!) {
  citizen(id: $id) {
    id
    name
    plan { overallGoal coordinator { id } goals { description } }
    employment { status { targetGroup jobReadiness } activities { kind } }
    social { measures { description } }
    health { services { description } conditions { description } }
  }
}`;

export const CATEGORY_PATH: Readonly<Record<ConsentableCategory, readonly [string, string] | readonly [string]>> = {
  PLAN: ['plan'],
  EMPLOYMENT_STATUS: ['employment', 'status'],
  EMPLOYMENT_ACTIVITIES: ['employment', 'activities'],
  SOCIAL_MEASURES: ['social', 'measures'],
  HEALTH_SERVICES: ['health', 'services'],
  HEALTH_CONDITIONS: ['health', 'conditions'],
};

/**
 * The plan's parts that are its category's (meetings, reviews, revisions) and the
 * departments' efforts under its goal, which are each department's category's.
 */
export const PLAN_IN_FULL = `query($id: ID!) {
  citizen(id: $id) {
    plan {
      meetings { agenda }
      reviews { summary }
      revisions { change }
      goals {
        employmentActivities { kind goal { description } }
        socialMeasures { description }
        healthServices { description }
      }
    }
  }
}`;

/** The field of `Goal` that holds each department's efforts, and what `PLAN_IN_FULL` shows of them. */
export const GOAL_EFFORTS = {
  EMPLOYMENT_ACTIVITIES: 'employmentActivities',
  SOCIAL_MEASURES: 'socialMeasures',
  HEALTH_SERVICES: 'healthServices',
} as const satisfies Partial<Record<ConsentableCategory, string>>;

export function goalEffortData(citizen: FreshCitizen, category: keyof typeof GOAL_EFFORTS): unknown {
  const { label } = citizen;
  switch (category) {
    case 'EMPLOYMENT_ACTIVITIES':
      return [{ kind: `Activity of ${label}`, goal: { description: `Goal of ${label}` } }];
    case 'SOCIAL_MEASURES':
      return [{ description: `Measure of ${label}` }];
    case 'HEALTH_SERVICES':
      return [{ description: `Service of ${label}` }];
  }
}

/** What `EVERY_CATEGORY` shows of `citizen`'s data in one category, as `freshCitizen` wrote it. */
export function categoryData(citizen: FreshCitizen, category: ConsentableCategory): unknown {
  const { label } = citizen;
  switch (category) {
    case 'PLAN':
      return {
        overallGoal: `Plan of ${label}`,
        coordinator: { id: citizen.coordinator.sub },
        goals: [{ description: `Goal of ${label}` }],
      };
    case 'EMPLOYMENT_STATUS':
      return { targetGroup: `Target group of ${label}`, jobReadiness: 'ACTIVITY_READY' };
    case 'EMPLOYMENT_ACTIVITIES':
      return [{ kind: `Activity of ${label}` }];
    case 'SOCIAL_MEASURES':
      return [{ description: `Measure of ${label}` }];
    case 'HEALTH_SERVICES':
      return [{ description: `Service of ${label}` }];
    case 'HEALTH_CONDITIONS':
      return [{ description: `Condition of ${label}` }];
  }
}
