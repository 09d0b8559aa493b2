import type { DataCategory, Department, Identity } from '@oneplan/protocol';
import { accessEventsOf } from '../support/access-events';
import { freshCitizen, recordConsent, succeeded, type FreshCitizen } from '../support/fresh-citizen';
import { as } from '../support/signed';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/*
 * The contract's second edition, "The plan" → Goal: each department's efforts
 * that serve a goal, resolved by the department under its category's rule and
 * logged by it; an effort links only to a goal of its own citizen's plan.
 */

const COORDINATOR = as.caseworker('COORDINATION', 'cw-goals-coordinator');
const WRITER: Record<EffortDepartment, Identity> = {
  EMPLOYMENT: as.caseworker('EMPLOYMENT', 'cw-goals-employment'),
  SOCIAL: as.caseworker('SOCIAL', 'cw-goals-social'),
  HEALTH: as.caseworker('HEALTH', 'cw-goals-health'),
};
const EFFORT_CATEGORIES: readonly DataCategory[] = ['EMPLOYMENT_ACTIVITIES', 'SOCIAL_MEASURES', 'HEALTH_SERVICES'];
const PURPOSE = 'Holistic plan with all departments';

type EffortDepartment = 'EMPLOYMENT' | 'SOCIAL' | 'HEALTH';
type SubgraphName = 'plan' | 'employment' | 'social' | 'health';

/** Each department's effort mutation, taking `$c` (citizen), `$g` (goal) and `$d` (a text naming the effort). */
const ADD_EFFORT: Record<EffortDepartment, string> = {
  EMPLOYMENT: `mutation($c: ID!, $g: ID, $d: String!) {
    addEmploymentActivity(input: {citizenId: $c, goalId: $g, kind: "Mentor", description: $d, startsOn: "2026-12-01"}) { id }
  }`,
  SOCIAL: `mutation($c: ID!, $g: ID, $d: String!) {
    addSocialMeasure(input: {citizenId: $c, goalId: $g, legalBasis: "Serviceloven § 85", description: $d, startsOn: "2026-12-01"}) { id }
  }`,
  HEALTH: `mutation($c: ID!, $g: ID, $d: String!) {
    addHealthService(input: {citizenId: $c, goalId: $g, kind: "Genoptræning", description: $d, startsOn: "2026-12-01"}) { id }
  }`,
};

const GOALS_WITH_EFFORTS = `query($id: ID!) { citizen(id: $id) { plan { goals {
  id department
  employmentActivities { description }
  socialMeasures { description }
  healthServices { description }
} } } }`;

/** What a goal shows, as GOALS_WITH_EFFORTS asks for it. */
interface GoalWithEfforts {
  id: string;
  department: Department;
  employmentActivities: { description: string }[] | null;
  socialMeasures: { description: string }[] | null;
  healthServices: { description: string }[] | null;
}

let system: System;

beforeAll(async () => {
  system = await startSystem();
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

async function addGoal(planId: string, department: Department, description: string): Promise<string> {
  const response = await system.query<{ addGoal: { id: string } }>(
    COORDINATOR,
    'mutation($p: ID!, $d: String!, $dep: Department!) { addGoal(input: {planId: $p, description: $d, department: $dep}) { id } }',
    { p: planId, d: description, dep: department },
  );
  return succeeded(response, 'addGoal').addGoal.id;
}

async function addEffort(department: EffortDepartment, citizenId: string, goalId: string | null, description: string) {
  const response = await system.query(WRITER[department], ADD_EFFORT[department], { c: citizenId, g: goalId, d: description });
  return succeeded(response, `effort in ${department}`);
}

/** A fresh citizen whose plan has one goal for each department, each served by one effort of that department. */
async function citizenWithEfforts(label: string): Promise<FreshCitizen & { goals: Record<EffortDepartment, string> }> {
  const citizen = await freshCitizen(system, label, COORDINATOR);
  const goals = {
    EMPLOYMENT: await addGoal(citizen.planId, 'EMPLOYMENT', `Job goal of ${label}`),
    SOCIAL: await addGoal(citizen.planId, 'SOCIAL', `Housing goal of ${label}`),
    HEALTH: await addGoal(citizen.planId, 'HEALTH', `Health goal of ${label}`),
  };
  for (const department of ['EMPLOYMENT', 'SOCIAL', 'HEALTH'] as const) {
    await addEffort(department, citizen.id, goals[department], `${department} effort of ${label}`);
  }
  return { ...citizen, goals };
}

async function goalsOf(identity: Identity, citizenId: string) {
  const response = await system.query<{ citizen: { plan: { goals: GoalWithEfforts[] } } }>(identity, GOALS_WITH_EFFORTS, {
    id: citizenId,
  });
  const goals = response.data!.citizen.plan.goals;
  const byId = (id: string) => goals.find((goal) => goal.id === id)!;
  return { response, goals, byId };
}

/** The access-log rows `identity` left in a subgraph about a citizen while `work` ran. */
async function loggedDuring(name: SubgraphName, citizenId: string, identity: Identity, work: () => Promise<unknown>) {
  const before = (await accessEventsOf(system[name].db.prisma, citizenId)).length;
  await work();
  const rows = (await accessEventsOf(system[name].db.prisma, citizenId)).slice(before);
  return rows
    .filter((row) => row.actorSub === identity.sub)
    .map(({ category, decision, purpose, source }) => ({ category, decision, purpose, source }));
}

describe("a goal's efforts", () => {
  let citizen: Awaited<ReturnType<typeof citizenWithEfforts>>;

  beforeAll(async () => {
    citizen = await citizenWithEfforts('under-goals');
    await recordConsent(system, citizen.id, ['HEALTH_SERVICES'], ['COORDINATION'], PURPOSE);
  });

  it('shows the coordinator only the categories the citizen shares with their department, and null with CONSENT_REQUIRED for the rest', async () => {
    const { response, byId, goals } = await goalsOf(COORDINATOR, citizen.id);
    expect(byId(citizen.goals.HEALTH)).toEqual({
      id: citizen.goals.HEALTH,
      department: 'HEALTH',
      employmentActivities: null,
      socialMeasures: null,
      healthServices: [{ description: 'HEALTH effort of under-goals' }],
    });
    expect(byId(citizen.goals.EMPLOYMENT)).toMatchObject({
      employmentActivities: null,
      socialMeasures: null,
      healthServices: [],
    });
    const refusals = new Set(response.errors?.map((error) => JSON.stringify([error.path?.slice(3), error.extensions])));
    expect(refusals).toEqual(
      new Set(
        goals.flatMap((_, index) => [
          JSON.stringify([[index, 'employmentActivities'], { code: 'CONSENT_REQUIRED', category: 'EMPLOYMENT_ACTIVITIES' }]),
          JSON.stringify([[index, 'socialMeasures'], { code: 'CONSENT_REQUIRED', category: 'SOCIAL_MEASURES' }]),
        ]),
      ),
    );
  });

  it('has each read and each denial logged by the department that owns the efforts, once per request', async () => {
    const logged: Partial<Record<SubgraphName, unknown>> = {};
    for (const name of ['employment', 'social', 'health', 'plan'] as const) {
      logged[name] = await loggedDuring(name, citizen.id, COORDINATOR, () => goalsOf(COORDINATOR, citizen.id));
    }
    expect(logged).toEqual({
      employment: [{ category: 'EMPLOYMENT_ACTIVITIES', decision: 'DENIED', purpose: 'No active consent', source: 'EMPLOYMENT' }],
      social: [{ category: 'SOCIAL_MEASURES', decision: 'DENIED', purpose: 'No active consent', source: 'SOCIAL' }],
      health: [{ category: 'HEALTH_SERVICES', decision: 'ALLOWED', purpose: PURPOSE, source: 'HEALTH' }],
      plan: expect.not.arrayContaining([
        expect.objectContaining({ category: expect.stringMatching(/ACTIVITIES|MEASURES|SERVICES/) }),
      ]),
    });
  });

  it('shows the citizen every one of their own efforts under the goal it serves', async () => {
    const response = await system.query(
      as.citizen(citizen.id),
      '{ me { plan { goals { department employmentActivities { description } socialMeasures { description } healthServices { description } } } } }',
    );
    expect(response.errors).toBeUndefined();
    const goals = response.data!.me.plan.goals as { department: Department }[];
    expect(goals.filter((goal) => goal.department !== 'COORDINATION')).toEqual(
      expect.arrayContaining([
        {
          department: 'EMPLOYMENT',
          employmentActivities: [{ description: 'EMPLOYMENT effort of under-goals' }],
          socialMeasures: [],
          healthServices: [],
        },
        {
          department: 'SOCIAL',
          employmentActivities: [],
          socialMeasures: [{ description: 'SOCIAL effort of under-goals' }],
          healthServices: [],
        },
        {
          department: 'HEALTH',
          employmentActivities: [],
          socialMeasures: [],
          healthServices: [{ description: 'HEALTH effort of under-goals' }],
        },
      ]),
    );
  });
});

describe("an effort's goal", () => {
  let own: Awaited<ReturnType<typeof citizenWithEfforts>>;
  let other: Awaited<ReturnType<typeof citizenWithEfforts>>;
  const ACTIVITIES = `query($id: ID!) { citizen(id: $id) { employment { activities { description goal { id description department } } } } }`;

  beforeAll(async () => {
    own = await citizenWithEfforts('own-goal');
    other = await citizenWithEfforts('other-goal');
    await recordConsent(system, own.id, EFFORT_CATEGORIES, ['COORDINATION'], PURPOSE);
    await recordConsent(system, other.id, EFFORT_CATEGORIES, ['COORDINATION'], PURPOSE);
    // An effort of `other` naming a goal of `own`'s plan: nothing checks it when written.
    for (const department of ['EMPLOYMENT', 'SOCIAL', 'HEALTH'] as const) {
      await addEffort(department, other.id, own.goals[department], `${department} stray of other-goal`);
    }
  });

  it("resolves, for a caller who may read the plan, to the goal of the citizen's plan it serves", async () => {
    const response = await system.query(COORDINATOR, ACTIVITIES, { id: own.id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.citizen.employment.activities).toEqual(
      expect.arrayContaining([
        {
          description: 'EMPLOYMENT effort of own-goal',
          goal: { id: own.goals.EMPLOYMENT, description: 'Job goal of own-goal', department: 'EMPLOYMENT' },
        },
      ]),
    );
  });

  it('is refused, null with CONSENT_REQUIRED for PLAN, to a caller who may read the effort but not the plan', async () => {
    const response = await system.query(WRITER.EMPLOYMENT, ACTIVITIES, { id: own.id });
    const served = (response.data!.citizen.employment.activities as { description: string; goal: unknown }[]).find(
      (activity) => activity.description === 'EMPLOYMENT effort of own-goal',
    );
    expect(served).toEqual({ description: 'EMPLOYMENT effort of own-goal', goal: null });
    expect(response.errors?.map((error) => error.extensions)).toEqual(
      expect.arrayContaining([{ code: 'CONSENT_REQUIRED', category: 'PLAN' }]),
    );
  });

  it("is null for a goal of another citizen's plan, and the effort shows under no goal", async () => {
    const strays = await system.query(COORDINATOR, ACTIVITIES, { id: other.id });
    const activities = strays.data!.citizen.employment.activities as { description: string; goal: unknown }[];
    const stray = activities.findIndex((activity) => activity.description === 'EMPLOYMENT stray of other-goal');
    expect(activities[stray]).toEqual({ description: 'EMPLOYMENT stray of other-goal', goal: null });
    expect(strays.errors?.map(({ path, extensions }) => ({ path, extensions }))).toEqual([
      { path: ['citizen', 'employment', 'activities', stray, 'goal'], extensions: { code: 'NOT_FOUND' } },
    ]);
    // Not even the id it names: only the plan subgraph answers a goal.
    const ids = await system.query(
      COORDINATOR,
      'query($id: ID!) { citizen(id: $id) { social { measures { description goal { id } } } } }',
      {
        id: other.id,
      },
    );
    const measures = ids.data!.citizen.social.measures as { description: string; goal: unknown }[];
    expect(measures.find((measure) => measure.description === 'SOCIAL stray of other-goal')).toEqual({
      description: 'SOCIAL stray of other-goal',
      goal: null,
    });
    expect(measures.find((measure) => measure.description === 'SOCIAL effort of other-goal')).toEqual({
      description: 'SOCIAL effort of other-goal',
      goal: { id: other.goals.SOCIAL },
    });

    const { goals } = await goalsOf(COORDINATOR, own.id);
    const shown = JSON.stringify(goals);
    expect(shown).not.toContain('stray');
    const { goals: othersGoals } = await goalsOf(COORDINATOR, other.id);
    expect(JSON.stringify(othersGoals)).not.toContain('stray');
  });

  it('refuses a malformed goalId as BAD_USER_INPUT and writes nothing', async () => {
    const before = await system.employment.db.prisma.employmentActivity.count();
    const response = await system.query(WRITER.EMPLOYMENT, ADD_EFFORT.EMPLOYMENT, { c: own.id, g: 'goal-1', d: 'Never written' });
    expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'goalId' }]);
    expect(await system.employment.db.prisma.employmentActivity.count()).toBe(before);
  });
});

describe('no N+1 under goals', () => {
  const GOAL_EFFORTS = 'goals { employmentActivities { id } socialMeasures { id } healthServices { id } }';
  const page = (first: number, after: string | null) =>
    `{ citizens(first: ${first}${after ? `, after: "${after}"` : ''}) { edges { node { plan { ${GOAL_EFFORTS} } } } } }`;
  /** The cursor of the place just before `citizenId` in the list's id order, so a page starts with that citizen. */
  const cursorBefore = (citizenId: string) => {
    const previous = (BigInt(`0x${citizenId.replaceAll('-', '')}`) - 1n).toString(16).padStart(32, '0');
    const id = [8, 4, 4, 4, 12].reduce<string[]>((parts, length) => {
      const start = parts.join('').length;
      return [...parts, previous.slice(start, start + length)];
    }, []);
    return Buffer.from(`citizen:${id.join('-')}`).toString('base64url');
  };

  async function statements(query: string, expectCount?: number) {
    return system.statementsDuring(async () => {
      const response = await system.query<{ citizens: { edges: { node: { plan: unknown } }[] } }>(COORDINATOR, query);
      expect((response.errors ?? []).filter((error) => error.extensions?.code !== 'CONSENT_REQUIRED')).toEqual([]);
      if (expectCount !== undefined) expect(response.data!.citizens.edges).toHaveLength(expectCount);
    });
  }

  it('runs as many SQL statements in each subgraph for a plan of 20 goals, and for a page of 100 plans, as for a plan of 1 goal', async () => {
    const one = await freshCitizen(system, 'one-goal', COORDINATOR);
    const twenty = await freshCitizen(system, 'twenty-goals', COORDINATOR);
    const goals = [];
    for (let n = 1; n < 20; n++) goals.push(await addGoal(twenty.planId, 'HEALTH', `Goal ${n} of twenty-goals`));
    expect(goals).toHaveLength(19);
    await addEffort('HEALTH', twenty.id, goals[7]!, 'Service under the eighth goal');
    // Every department reads in each request (not only logs a denial): the citizens share their efforts with the coordinator.
    const first = await system.plan.db.prisma.plan.findFirstOrThrow({
      where: { goals: { some: {} } },
      orderBy: { citizenId: 'asc' },
    });
    for (const citizenId of [one.id, twenty.id, first.citizenId]) {
      await recordConsent(system, citizenId, EFFORT_CATEGORIES, ['COORDINATION'], PURPOSE);
    }
    // The first request pays for connections and prepared plans; count steady state.
    await statements(page(1, cursorBefore(one.id)), 1);

    const ofOne = await statements(page(1, cursorBefore(one.id)), 1);
    const ofTwenty = await statements(page(1, cursorBefore(twenty.id)), 1);
    const ofHundred = await statements(page(100, null), 100);
    expect({ ofTwenty, ofHundred }).toEqual({ ofTwenty: ofOne, ofHundred: ofOne });
    for (const count of Object.values(ofOne)) expect(count).toBeGreaterThan(0);
  });
});
