import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, type GraphQLSchema } from 'graphql';
import type { ForwardedIdentity } from '@oneplan/protocol';
import { rowsByCitizen, rowsByGoal } from '../batch';
import { mintGrant } from '../consent-grant';
import { applyMigrations, readMigrations } from '../db/migrate';
import type { PrismaLike } from '../db/database';
import { KIT_MIGRATIONS_DIR } from '../db/open';
import { pgliteRunner } from '../db/sql-runner';
import { departmentDemo } from '../demo';
import { defineDepartment } from '../department';
import { assertGuarded } from '../guards';
import { createLogger } from '../logger';
import { contextFactory } from '../subgraph';
import { subgraphTypeDefs } from '../type-defs';

/*
 * A department with efforts under goals, built by the kit from its declaration
 * and run against a real access log (PGlite): what `Goal.<efforts>` and
 * `<effort>.goal` answer, to whom, and what the log says.
 */

const OWN_CITIZEN = '11111111-1111-4111-8111-111111111111';
const OTHER_CITIZEN = '22222222-2222-4222-8222-222222222222';
const GOAL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER_GOAL = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const GRANT_KEY = 'goal-efforts-test-grant-key-0123456789';

interface Activity {
  id: string;
  citizenId: string;
  goalId: string | null;
  kind: string;
}

/** The department's table: two activities under the citizen's goal, one of another citizen naming that goal, one under none. */
const ACTIVITIES: Activity[] = [
  { id: 'act-1', citizenId: OWN_CITIZEN, goalId: GOAL, kind: 'Mentor' },
  { id: 'act-2', citizenId: OWN_CITIZEN, goalId: GOAL, kind: 'Internship' },
  { id: 'act-stray', citizenId: OTHER_CITIZEN, goalId: GOAL, kind: 'Stray' },
  { id: 'act-free', citizenId: OWN_CITIZEN, goalId: null, kind: 'Course' },
  { id: 'act-other', citizenId: OTHER_CITIZEN, goalId: OTHER_GOAL, kind: 'Other' },
];

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@inaccessible"])
type WorkRecord { activities: [WorkActivity!] @category(name: "EMPLOYMENT_ACTIVITIES") }
type WorkActivity { id: ID! kind: String! goal: Goal }
`;

/** Every `WHERE … IN (…)` the department's loaders ran, by loader. */
const statements: Record<'byGoal' | 'byCitizen', string[][]> = { byGoal: [], byCitizen: [] };

function createLoaders() {
  return {
    activitiesByCitizen: rowsByCitizen(async (citizenIds) => {
      statements.byCitizen.push(citizenIds);
      return ACTIVITIES.filter((activity) => citizenIds.includes(activity.citizenId));
    }),
    activitiesByGoal: rowsByGoal(async (goalIds) => {
      statements.byGoal.push(goalIds);
      return ACTIVITIES.filter((activity) => activity.goalId !== null && goalIds.includes(activity.goalId));
    }),
  };
}

let folder: string;
let schema: GraphQLSchema;
let pglite: PGlite;
let contextOf: (identity: ForwardedIdentity) => unknown;

function declare(category: 'EMPLOYMENT_ACTIVITIES' | 'HEALTH_SERVICES' = 'EMPLOYMENT_ACTIVITIES') {
  return defineDepartment({
    name: 'work',
    port: 0,
    folder,
    createClient: () => ({}) as never,
    loaders: createLoaders,
    writes: () => ({}),
    record: {
      field: 'work',
      type: 'WorkRecord',
      categories: { activities: { category: 'EMPLOYMENT_ACTIVITIES', loader: 'activitiesByCitizen' } },
    },
    efforts: { type: 'WorkActivity', table: 'WorkActivity', goalField: 'workActivities', category, loader: 'activitiesByGoal' },
    mutations: {},
    demo: departmentDemo(() => ({}), {}),
  });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'goal-efforts-'));
  writeFileSync(join(folder, 'schema.graphql'), SDL);
  const department = declare();
  schema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(department), resolvers: department.resolvers as never }]);
  pglite = await PGlite.create('memory://');
  await applyMigrations(pgliteRunner(pglite), readMigrations(KIT_MIGRATIONS_DIR, 'kit/'));
  // The access log's own statements, on the real table; the department's loaders read ACTIVITIES.
  const database: PrismaLike & { $transaction(work: PromiseLike<unknown>[]): Promise<unknown> } = {
    $transaction: (work) => Promise.all(work),
    $on: () => undefined,
    $disconnect: async () => undefined,
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await pglite.query(sql, values)).rows as T,
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await pglite.query(sql, values)).affectedRows ?? 0,
  };
  contextOf = contextFactory(department, database, { grantKey: GRANT_KEY, enforcement: true }, createLogger('test'));
});

afterAll(async () => {
  await pglite.close();
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  statements.byGoal = [];
  statements.byCitizen = [];
});

const caseworker = (department: 'EMPLOYMENT' | 'HEALTH'): ForwardedIdentity => ({
  sub: `cw-${department}`,
  name: `${department} caseworker`,
  role: 'caseworker',
  department,
  requestId: `request-${Math.random()}`,
});

/** Runs `query` on the department as the gateway would, on behalf of `identity`. */
async function run(identity: ForwardedIdentity, query: string, variables: Record<string, unknown>) {
  const contextValue = contextOf(identity);
  const result = await graphql({ schema, source: query, variableValues: variables, contextValue });
  return JSON.parse(JSON.stringify(result)) as { data?: Record<string, unknown>; errors?: { extensions?: unknown }[] };
}

async function loggedAbout(citizenId: string) {
  const { rows } = await pglite.query<{ category: string; decision: string; actorDepartment: string; source: string }>(
    `SELECT "category"::text AS category, "decision"::text AS decision, "actorDepartment"::text AS "actorDepartment",
            "source"::text AS source FROM "AccessEvent" WHERE "citizenId" = $1::uuid ORDER BY "id"`,
    [citizenId],
  );
  return rows;
}

const GOAL_EFFORTS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Goal { workActivities { id kind } } }
}`;

/** A goal as the plan subgraph hands it over: its key and the grant it signed for the goal's citizen. */
function goalOf(goalId: string, citizenId: string, grant: string | null = null) {
  return { __typename: 'Goal', goalId, citizenId, consentGrant: grant };
}

describe('efforts under goals, as the kit makes them from a department declaration', () => {
  it('adds Goal to the schema with its efforts under their category, and passes assertGuarded', () => {
    const department = declare();
    expect(department.kitTypeDefs).toContain('type Goal @key(fields: "goalId citizenId")');
    expect(department.kitTypeDefs).toContain(
      'workActivities: [WorkActivity!] @requires(fields: "consentGrant") @category(name: "EMPLOYMENT_ACTIVITIES")',
    );
    expect(department.kitParents).toMatchObject({ Goal: 'GoalReference', WorkRecord: 'RecordParent' });
    expect(() => assertGuarded(schema, department.resolvers)).not.toThrow();
  });

  it("refuses efforts of another category than the record's", () => {
    expect(() => declare('HEALTH_SERVICES')).toThrow(
      "a department's efforts are one of its record's categories, not HEALTH_SERVICES",
    );
  });

  it("shows the owner department a goal's efforts of its own citizen only, and logs the read", async () => {
    const before = (await loggedAbout(OWN_CITIZEN)).length;
    const response = await run(caseworker('EMPLOYMENT'), GOAL_EFFORTS, {
      representations: [goalOf(GOAL, OWN_CITIZEN), goalOf(OTHER_GOAL, OWN_CITIZEN)],
    });
    expect(response).toEqual({
      data: {
        _entities: [
          {
            workActivities: [
              { id: 'act-1', kind: 'Mentor' },
              { id: 'act-2', kind: 'Internship' },
            ],
          },
          // Another citizen's activity names this goal id, but the goal is not in their plan.
          { workActivities: [] },
        ],
      },
    });
    expect(statements.byGoal).toEqual([[GOAL, OTHER_GOAL]]);
    // One entry for the request, however many of the citizen's goals it read.
    expect((await loggedAbout(OWN_CITIZEN)).slice(before)).toEqual([
      { category: 'EMPLOYMENT_ACTIVITIES', decision: 'ALLOWED', actorDepartment: 'EMPLOYMENT', source: 'EMPLOYMENT' },
    ]);
  });

  it('refuses another department without a grant: null and CONSENT_REQUIRED, logged as denied, nothing loaded', async () => {
    const before = (await loggedAbout(OTHER_CITIZEN)).length;
    const response = await run(caseworker('HEALTH'), GOAL_EFFORTS, { representations: [goalOf(OTHER_GOAL, OTHER_CITIZEN)] });
    expect(response.data).toEqual({ _entities: [{ workActivities: null }] });
    expect(response.errors?.map((error) => error.extensions)).toEqual([
      { code: 'CONSENT_REQUIRED', category: 'EMPLOYMENT_ACTIVITIES' },
    ]);
    expect((await loggedAbout(OTHER_CITIZEN)).slice(before)).toEqual([
      { category: 'EMPLOYMENT_ACTIVITIES', decision: 'DENIED', actorDepartment: 'HEALTH', source: 'EMPLOYMENT' },
    ]);
    expect(statements.byGoal).toEqual([]);
  });

  it("opens a goal's efforts to the department the goal's citizen consented to, for that request only", async () => {
    const health = caseworker('HEALTH');
    const grant = (requestId: string) =>
      mintGrant(GRANT_KEY, {
        citizenId: OTHER_CITIZEN,
        recipient: 'HEALTH',
        requestId,
        categories: { EMPLOYMENT_ACTIVITIES: 'Joint plan' },
        expiresAt: Date.now() + 60_000,
      });
    const allowed = await run(health, GOAL_EFFORTS, {
      representations: [goalOf(OTHER_GOAL, OTHER_CITIZEN, grant(health.requestId))],
    });
    expect(allowed).toEqual({ data: { _entities: [{ workActivities: [{ id: 'act-other', kind: 'Other' }] }] } });

    const replayed = await run(caseworker('HEALTH'), GOAL_EFFORTS, {
      representations: [goalOf(OTHER_GOAL, OTHER_CITIZEN, grant(health.requestId))],
    });
    expect(replayed.errors?.map((error) => error.extensions)).toEqual([
      { code: 'CONSENT_REQUIRED', category: 'EMPLOYMENT_ACTIVITIES' },
    ]);
  });

  it('loads the efforts of 20 goals with one statement', async () => {
    const goals = Array.from({ length: 20 }, (_, n) =>
      goalOf(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, OWN_CITIZEN),
    );
    const response = await run(caseworker('EMPLOYMENT'), GOAL_EFFORTS, { representations: goals });
    expect(response.errors).toBeUndefined();
    expect(statements.byGoal).toHaveLength(1);
  });

  it("gives each effort its goal as a reference only the plan subgraph answers, keyed by the goal and the effort's citizen", async () => {
    const response = await run(
      caseworker('EMPLOYMENT'),
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Citizen { work { activities { id goal { __typename } } } }
      } }`,
      { representations: [{ __typename: 'Citizen', id: OWN_CITIZEN }] },
    );
    expect(response).toEqual({
      data: {
        _entities: [
          {
            work: {
              activities: [
                { id: 'act-1', goal: { __typename: 'Goal' } },
                { id: 'act-2', goal: { __typename: 'Goal' } },
                { id: 'act-free', goal: null },
              ],
            },
          },
        ],
      },
    });
    const resolvers = declare().resolvers as { WorkActivity: { goal: (effort: Activity) => unknown } };
    expect(resolvers.WorkActivity.goal(ACTIVITIES[2]!)).toEqual({ __typename: 'Goal', goalId: GOAL, citizenId: OTHER_CITIZEN });
    // The department knows the goal by its key only: its id is the plan subgraph's to answer.
    expect(schema.getType('Goal')?.toConfig()).not.toHaveProperty('fields.id');
  });
});
