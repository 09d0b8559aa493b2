import { Client } from 'pg';
import type { Identity } from '@oneplan/protocol';
import { as, codes } from '../support/signed';
import { withinAYear } from '../support/fresh-citizen';
import { describePostgres, throwawayDatabase } from '../support/postgres';
import { startSystem, type System, type SystemOptions } from '../../scripts/system/in-process-system';

const OVERVIEW = `query($id: ID!) {
  citizen(id: $id) {
    name
    plan { overallGoal coordinator { id } goals { description } }
    employment { status { jobReadiness } activities { kind } }
    social { measures { legalBasis } }
    health { services { kind } conditions { description } }
  }
}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The same graph, the same tests, on both databases the product supports: the
 * embedded PGlite default and PostgreSQL (one throwaway database per subgraph).
 */
function graphSuite(
  options: () => Promise<SystemOptions>,
  cleanup: () => Promise<void> = async () => undefined,
  /** PostgreSQL only: another connection can hold the plan database's log table while the graph is asked. */
  planDatabaseUrl?: () => string,
) {
  let system: System;
  let coordinated: { citizenId: string; coordinator: string };

  beforeAll(async () => {
    system = await startSystem(await options());
    const plan = await system.plan.db.prisma.plan.findFirstOrThrow({
      where: { coordinator: { department: 'EMPLOYMENT' }, status: 'ACTIVE', citizen: { consents: { none: {} } } },
      orderBy: { id: 'asc' },
    });
    coordinated = { citizenId: plan.citizenId, coordinator: plan.coordinatorId };
  });

  afterAll(async () => {
    await system?.stop();
    await cleanup();
  });

  describe('one graph over four subgraphs', () => {
    it("shows a coordinator the plan and their own department's record, and nothing of the others", async () => {
      const caseworker = as.caseworker('EMPLOYMENT', coordinated.coordinator);
      const response = await system.query(caseworker, OVERVIEW, { id: coordinated.citizenId });
      const citizen = response.data!.citizen;
      expect(citizen.plan.coordinator).toEqual({ id: coordinated.coordinator });
      expect(citizen.plan.goals.length).toBeGreaterThan(0);
      expect(Array.isArray(citizen.employment.activities)).toBe(true);
      expect(citizen.social).toEqual({ measures: null });
      expect(citizen.health).toEqual({ services: null, conditions: null });
      const denials = response.errors?.map((error) => [error.path?.join('.'), error.extensions]);
      expect(denials?.sort()).toEqual([
        ['citizen.health.conditions', { code: 'CONSENT_REQUIRED', category: 'HEALTH_CONDITIONS' }],
        ['citizen.health.services', { code: 'CONSENT_REQUIRED', category: 'HEALTH_SERVICES' }],
        ['citizen.social.measures', { code: 'CONSENT_REQUIRED', category: 'SOCIAL_MEASURES' }],
      ]);
    });

    it('denies another department the same way whether or not it holds data on the citizen', async () => {
      const caseworker = as.caseworker('SOCIAL');
      const registered = await system.query(
        caseworker,
        'mutation { registerCitizen(input: {cpr: "1702851234", name: "Ny Borger"}) { id } }',
      );
      const empty = registered.data!.registerCitizen.id;
      const query = 'query($id: ID!) { citizen(id: $id) { health { services { id } conditions { id } } } }';
      const withData = await system.query(caseworker, query, { id: coordinated.citizenId });
      const withoutData = await system.query(caseworker, query, { id: empty });
      expect(withData.data).toEqual(withoutData.data);
      expect(withData.errors?.map((e) => e.extensions)).toEqual(withoutData.errors?.map((e) => e.extensions));
    });

    it('keeps every personal field from an analyst', async () => {
      const response = await system.query(as.analyst(), OVERVIEW, { id: coordinated.citizenId });
      expect(response.data).toEqual({ citizen: null });
      expect(codes(response)).toEqual(['FORBIDDEN']);
    });

    it('refuses a request without a valid token before any subgraph is asked', async () => {
      const before = await system.statementsDuring(async () => {
        const response = await fetch(system.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
          body: JSON.stringify({ query: '{ citizens { edges { node { name } } } }' }),
        });
        const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
        expect(body.errors.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
      });
      expect(before).toEqual({ plan: 0, employment: 0, social: 0, health: 0 });
    });

    it('answers an invalid CPR with BAD_USER_INPUT', async () => {
      const response = await system.query(as.caseworker('HEALTH'), '{ citizenByCpr(cpr: "3213990000") { id } }');
      expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'cpr' }]);
    });
  });

  describe('every mutation of the contract, through the gateway', () => {
    /** Runs `mutation` as `identity` and expects exactly `data` back. */
    async function expectWrite(identity: Identity, mutation: string, variables: Record<string, unknown>, data: unknown) {
      const response = await system.query(identity, mutation, variables);
      expect(response.data).toEqual(data);
    }

    it('builds a citizen, a plan, goals, records in three departments and a consent', async () => {
      const emp = as.caseworker('EMPLOYMENT', 'cw-emp-e2e');
      const citizenId = (
        await system.query(emp, 'mutation { registerCitizen(input: {cpr: "2304921234", name: "Anna Berg"}) { id } }')
      ).data!.registerCitizen.id;
      const plan = await system.query(
        emp,
        'mutation($c: ID!) { createPlan(input: {citizenId: $c, overallGoal: "Ordinary job within a year"}) { id coordinator { id } } }',
        { c: citizenId },
      );
      expect(plan.data!.createPlan.coordinator).toEqual({ id: 'cw-emp-e2e' });
      const planId = plan.data!.createPlan.id;
      const goal = await system.query(
        emp,
        'mutation($p: ID!) { addGoal(input: {planId: $p, description: "CV and job search", department: EMPLOYMENT}) { id status } }',
        { p: planId },
      );
      expect(goal.data!.addGoal.status).toBe('NOT_STARTED');
      await expectWrite(
        emp,
        'mutation($g: ID!) { setGoalStatus(input: {goalId: $g, status: ACHIEVED}) { status } }',
        { g: goal.data!.addGoal.id },
        { setGoalStatus: { status: 'ACHIEVED' } },
      );

      await expectWrite(
        emp,
        `mutation($c: ID!) {
        setEmploymentStatus(input: {citizenId: $c, targetGroup: "Kontanthjælpsmodtager", jobReadiness: ACTIVITY_READY}) { jobReadiness }
        addEmploymentActivity(input: {citizenId: $c, kind: "Mentor", startsOn: "2026-12-01"}) { kind startsOn }
      }`,
        { c: citizenId },
        {
          setEmploymentStatus: { jobReadiness: 'ACTIVITY_READY' },
          addEmploymentActivity: { kind: 'Mentor', startsOn: '2026-12-01' },
        },
      );
      await expectWrite(
        as.caseworker('SOCIAL'),
        'mutation($c: ID!) { addSocialMeasure(input: {citizenId: $c, legalBasis: "Serviceloven § 85", description: "Bostøtte", startsOn: "2026-12-01"}) { legalBasis } }',
        { c: citizenId },
        { addSocialMeasure: { legalBasis: 'Serviceloven § 85' } },
      );
      await expectWrite(
        as.caseworker('HEALTH'),
        `mutation($c: ID!) {
        addHealthService(input: {citizenId: $c, kind: "Genoptræning", description: "Ryg", startsOn: "2026-12-01"}) { kind }
        addHealthCondition(input: {citizenId: $c, description: "Depression", since: "2025-01-01"}) { description since }
      }`,
        { c: citizenId },
        {
          addHealthService: { kind: 'Genoptræning' },
          addHealthCondition: { description: 'Depression', since: '2025-01-01' },
        },
      );
      const consent = await system.query(
        emp,
        'mutation($c: ID!, $v: DateTime!) { recordConsent(input: {citizenId: $c, categories: [HEALTH_SERVICES], recipients: [EMPLOYMENT], purpose: "Joint plan", validUntil: $v}) { id active } }',
        { c: citizenId, v: withinAYear() },
      );
      expect(consent.data!.recordConsent.active).toBe(true);
      await expectWrite(
        as.citizen(citizenId),
        'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active } }',
        { id: consent.data!.recordConsent.id },
        { revokeConsent: { active: false } },
      );

      const own = await system.query(
        as.citizen(citizenId),
        '{ me { plan { goals { status } } employment { status { targetGroup } } social { measures { description } } health { conditions { description } } } }',
      );
      expect(own).toEqual({
        status: 200,
        data: {
          me: {
            plan: { goals: [{ status: 'ACHIEVED' }] },
            employment: { status: { targetGroup: 'Kontanthjælpsmodtager' } },
            social: { measures: [{ description: 'Bostøtte' }] },
            health: { conditions: [{ description: 'Depression' }] },
          },
        },
      });
    });

    it("refuses to let one department write another's data, writing nothing", async () => {
      const before = await system.social.db.prisma.socialMeasure.count();
      const response = await system.query(
        as.caseworker('EMPLOYMENT'),
        'mutation($c: ID!) { addSocialMeasure(input: {citizenId: $c, legalBasis: "x", description: "y", startsOn: "2026-12-01"}) { id } }',
        { c: coordinated.citizenId },
      );
      expect(codes(response)).toEqual(['FORBIDDEN']);
      expect(await system.social.db.prisma.socialMeasure.count()).toBe(before);
    });
  });

  describe('no N+1', () => {
    type Edge = {
      cursor: string;
      node: {
        plan: { goals: unknown[] | null } | null;
        employment: { activities: unknown[] | null } | null;
        social: { measures: unknown[] | null } | null;
        health: { services: unknown[] | null } | null;
      };
    };
    const page = (
      first: number,
      after: string | null,
    ) => `{ citizens(first: ${first}${after ? `, after: "${after}"` : ''}) { edges { cursor node {
      plan { goals { id } } employment { activities { id } } social { measures { id } } health { services { id } }
    } } } }`;
    // A subgraph that may read nothing for a page runs only its access-log write,
    // so the small page must be one where every subgraph reads something.
    const READ_IN: Record<string, (node: Edge['node']) => unknown[] | null | undefined> = {
      plan: (node) => node.plan?.goals,
      employment: (node) => node.employment?.activities,
      social: (node) => node.social?.measures,
      health: (node) => node.health?.services,
    };
    const readsEverywhere = (edges: Edge[]) =>
      Object.values(READ_IN).every((read) => edges.some((edge) => (read(edge.node)?.length ?? 0) > 0));

    it('runs as many SQL statements in each subgraph for 100 citizens as for 5', async () => {
      const caseworker = as.caseworker('COORDINATION', 'cw-coo-01');
      let edges: Edge[] = [];
      const hundred = await system.statementsDuring(async () => {
        const response = await system.query<{ citizens: { edges: Edge[] } }>(caseworker, page(100, null));
        expect(response.errors?.filter((error) => error.extensions?.code !== 'CONSENT_REQUIRED')).toEqual([]);
        edges = response.data!.citizens.edges;
        expect(edges).toHaveLength(100);
      });

      const start = edges.findIndex((_, index) => index + 5 <= edges.length && readsEverywhere(edges.slice(index, index + 5)));
      expect(start).toBeGreaterThanOrEqual(0);
      const five = await system.statementsDuring(async () => {
        const response = await system.query<{ citizens: { edges: Edge[] } }>(
          caseworker,
          page(5, start > 0 ? edges[start - 1]!.cursor : null),
        );
        expect(response.data!.citizens.edges).toHaveLength(5);
      });

      expect(hundred).toEqual(five);
      for (const count of Object.values(hundred)) expect(count).toBeGreaterThan(0);
    });

    it("reads a plan's coordinator with the plan, in the same statement", async () => {
      const caseworker = as.caseworker('EMPLOYMENT', coordinated.coordinator);
      const ask = (fields: string) =>
        system.statementsDuring(async () => {
          const response = await system.query(caseworker, `query($id: ID!) { citizen(id: $id) { plan { ${fields} } } }`, {
            id: coordinated.citizenId,
          });
          expect(response.errors).toBeUndefined();
          expect(response.data!.citizen.plan.overallGoal).toEqual(expect.any(String));
        });
      const without = await ask('overallGoal');
      const withCoordinator = await ask('overallGoal coordinator { id name department }');
      expect(withCoordinator.plan).toBe(without.plan);
    });

    if (planDatabaseUrl) {
      it('reads a citizen’s plan while the record of who they are is written, and answers only once it is', async () => {
        const caseworker = as.caseworker('EMPLOYMENT', coordinated.coordinator);
        const query = 'query($id: ID!) { citizen(id: $id) { name plan { overallGoal } } }';
        const logged = () =>
          system.plan.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM "AccessEvent" WHERE "citizenId" = $1::uuid AND category = 'IDENTITY'`,
            coordinated.citizenId,
          );
        const loggedBefore = (await logged())[0]!.n;
        const holder = new Client({ connectionString: planDatabaseUrl() });
        await holder.connect();
        let answered = false;
        let answer: Promise<unknown> | undefined;
        try {
          // SHARE lets every read through and holds every INSERT into the log until the holder commits.
          await holder.query('BEGIN');
          await holder.query('LOCK TABLE "AccessEvent" IN SHARE MODE');
          const before = system.plan.db.statementCount();
          answer = system.query(caseworker, query, { id: coordinated.citizenId }).finally(() => (answered = true));
          // The citizen, their record's INSERT (held), then the plan: read while the record waits.
          const deadline = Date.now() + 10_000;
          while (system.plan.db.statementCount() - before < 3 && Date.now() < deadline) await sleep(20);
          expect(system.plan.db.statementCount() - before).toBeGreaterThanOrEqual(3);
          await sleep(200);
          expect(answered).toBe(false);
        } finally {
          await holder.query('COMMIT');
          await holder.end();
        }
        expect(await answer).toMatchObject({ status: 200, data: { citizen: { plan: { overallGoal: expect.any(String) } } } });
        expect((await logged())[0]!.n).toBe(loggedBefore + 1n);
      });
    }
  });
}

describe('on PGlite', () => graphSuite(async () => ({})));

describePostgres('on PostgreSQL', () => {
  const databases: { drop(): Promise<void> }[] = [];
  let planUrl = '';
  graphSuite(
    async () => {
      const names = ['plan', 'employment', 'social', 'health'] as const;
      const created = await Promise.all(names.map((name) => throwawayDatabase(name)));
      databases.push(...created);
      planUrl = created[0]!.url;
      return { databaseUrls: Object.fromEntries(names.map((name, i) => [name, created[i]!.url])) };
    },
    async () => {
      await Promise.all(databases.map((database) => database.drop()));
    },
    () => planUrl,
  );
});
