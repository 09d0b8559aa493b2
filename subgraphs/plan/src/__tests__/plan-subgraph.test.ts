import { startSubgraph, type SubgraphInProcess } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { accessEventsOf } from '../../../../test/support/access-events';
import { as, callSubgraph, codes } from '../../../../test/support/signed';
import { plan } from '../plan';

let subgraph: SubgraphInProcess<PrismaClient>;
const employment = as.caseworker('EMPLOYMENT', 'cw-emp-a');
const social = as.caseworker('SOCIAL', 'cw-soc-a');

const call = (identity: Parameters<typeof callSubgraph>[1], query: string, variables?: Record<string, unknown>) =>
  callSubgraph<Record<string, any>>(subgraph.server.url, identity, query, variables);

async function register(cpr: string, name = 'Test Citizen'): Promise<string> {
  const response = await call(employment, 'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { id } }', {
    i: { cpr, name },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.registerCitizen.id;
}

const CREATE_PLAN =
  'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id startsOn endsOn nextReviewOn status coordinator { id name department } } }';

beforeAll(async () => {
  subgraph = await startSubgraph(plan, { demo: false });
});

afterAll(async () => {
  await subgraph.close();
});

describe('registering citizens', () => {
  it('registers a citizen with a valid CPR, accepting the DDMMYY-SSSS form', async () => {
    const response = await call(
      employment,
      'mutation { registerCitizen(input: {cpr: "010190-1234", name: " Jens Hansen "}) { cpr name } }',
    );
    expect(response).toEqual({ status: 200, data: { registerCitizen: { cpr: '0101901234', name: 'Jens Hansen' } } });
  });

  it.each([['12345'], ['31029012345'], ['3102901234'], ['abcdefghij'], ['2902011234']])(
    'refuses the CPR %s as BAD_USER_INPUT and writes nothing',
    async (cpr) => {
      const before = await subgraph.db.prisma.citizen.count();
      const response = await call(
        employment,
        'mutation($cpr: String!) { registerCitizen(input: {cpr: $cpr, name: "X"}) { id } }',
        { cpr },
      );
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'cpr' });
      expect(await subgraph.db.prisma.citizen.count()).toBe(before);
    },
  );

  it('refuses a CPR that is already registered', async () => {
    await register('0202902345');
    const response = await call(employment, 'mutation { registerCitizen(input: {cpr: "0202902345", name: "Y"}) { id } }');
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets no analyst or citizen register anyone', async () => {
    for (const identity of [as.analyst(), as.citizen('00000000-0000-4000-8000-000000000000')]) {
      const response = await call(identity, 'mutation { registerCitizen(input: {cpr: "0303903456", name: "Z"}) { id } }');
      expect(codes(response)).toEqual(['FORBIDDEN']);
    }
  });
});

describe('looking citizens up', () => {
  it('finds a citizen by CPR for any caseworker and refuses analysts', async () => {
    const id = await register('0404904567', 'Mette Jensen');
    const found = await call(social, '{ citizenByCpr(cpr: "0404904567") { id name } }');
    expect(found.data).toEqual({ citizenByCpr: { id, name: 'Mette Jensen' } });
    const analyst = await call(as.analyst(), '{ citizenByCpr(cpr: "0404904567") { id } }');
    expect(analyst.data).toEqual({ citizenByCpr: null });
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
  });

  it('answers an invalid CPR with BAD_USER_INPUT', async () => {
    const response = await call(social, '{ citizenByCpr(cpr: "9999999999") { id } }');
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'cpr' });
  });

  it('shows a citizen only themself through me, and refuses anyone else the same way found or not', async () => {
    const id = await register('0505905678', 'Ole Nielsen');
    expect((await call(as.citizen(id), '{ me { id name } }')).data).toEqual({ me: { id, name: 'Ole Nielsen' } });
    expect(codes(await call(employment, '{ me { id } }'))).toEqual(['FORBIDDEN']);
    const other = await call(as.citizen(id), '{ citizenByCpr(cpr: "0404904567") { id } }');
    const missing = await call(as.citizen(id), '{ citizenByCpr(cpr: "0101011234") { id } }');
    expect(other.errors).toEqual(missing.errors);
  });

  it('pages through citizens without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof call>> = await call(
        employment,
        'query($after: String) { citizens(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const { edges, pageInfo } = page.data!.citizens;
      seen.push(...edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toHaveLength(await subgraph.db.prisma.citizen.count());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([[0], [101], [-1]])('refuses citizens(first: %d)', async (first) => {
    const response = await call(employment, 'query($first: Int) { citizens(first: $first) { edges { cursor } } }', { first });
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('the one plan', () => {
  it('makes the caller coordinator of a draft that ends one year after it starts and is reviewed after three months', async () => {
    const citizenId = await register('0606906789');
    const response = await call(employment, CREATE_PLAN, {
      i: { citizenId, overallGoal: 'Ordinary job', startsOn: '2030-03-01' },
    });
    expect(response.data!.createPlan).toMatchObject({
      startsOn: '2030-03-01',
      endsOn: '2031-03-01',
      nextReviewOn: '2030-06-01',
      status: 'DRAFT',
      coordinator: { id: 'cw-emp-a', name: 'EMPLOYMENT caseworker', department: 'EMPLOYMENT' },
    });
    const second = await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'Another' } });
    expect(codes(second)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a plan starting in the past, for an unknown citizen, or with a malformed id', async () => {
    const citizenId = await register('0707907890');
    expect(codes(await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'x', startsOn: '2020-01-01' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(await call(employment, CREATE_PLAN, { i: { citizenId: '00000000-0000-4000-8000-000000000000', overallGoal: 'x' } })),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await call(employment, CREATE_PLAN, { i: { citizenId: 'not-an-id', overallGoal: 'x' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await subgraph.db.prisma.plan.count({ where: { citizenId } })).toBe(0);
  });

  it('lets only the coordinator add goals and set their status', async () => {
    const citizenId = await register('0808908901');
    const plan = (await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'Stable housing and a job' } })).data!
      .createPlan;
    const add = 'mutation($i: AddGoalInput!) { addGoal(input: $i) { id description department status dueOn } }';
    const goal = await call(employment, add, {
      i: { planId: plan.id, description: 'Job training', department: 'EMPLOYMENT', dueOn: '2031-01-31' },
    });
    expect(goal.data!.addGoal).toMatchObject({
      description: 'Job training',
      department: 'EMPLOYMENT',
      status: 'NOT_STARTED',
      dueOn: '2031-01-31',
    });
    expect(codes(await call(social, add, { i: { planId: plan.id, description: 'x', department: 'SOCIAL' } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(await call(employment, add, { i: { planId: plan.id, description: 'x', department: 'SOCIAL', dueOn: '2001-01-01' } })),
    ).toEqual(['BAD_USER_INPUT']);
    const set = 'mutation($i: SetGoalStatusInput!) { setGoalStatus(input: $i) { status } }';
    expect(codes(await call(social, set, { i: { goalId: goal.data!.addGoal.id, status: 'ACHIEVED' } }))).toEqual(['FORBIDDEN']);
    const done = await call(employment, set, { i: { goalId: goal.data!.addGoal.id, status: 'IN_PROGRESS' } });
    expect(done.data).toEqual({ setGoalStatus: { status: 'IN_PROGRESS' } });
  });

  it('keeps a closed plan closed, so a citizen never has two open plans', async () => {
    const citizenId = await register('0112901234');
    const plan = (await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'x' } })).data!.createPlan;
    const set = 'mutation($i: SetPlanStatusInput!) { setPlanStatus(input: $i) { status } }';
    expect((await call(employment, set, { i: { planId: plan.id, status: 'CANCELLED' } })).data).toEqual({
      setPlanStatus: { status: 'CANCELLED' },
    });
    expect((await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'y' } })).errors).toBeUndefined();
    const reopen = await call(employment, set, { i: { planId: plan.id, status: 'ACTIVE' } });
    expect(reopen.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'status' }]);
  });

  it('denies the plan to another department the same way whether or not a plan exists', async () => {
    const withPlan = await register('0909909012');
    await call(employment, CREATE_PLAN, { i: { citizenId: withPlan, overallGoal: 'x' } });
    const withoutPlan = await register('1010901234');
    const ask = (id: string) => call(social, 'query($id: ID!) { citizen(id: $id) { plan { id goals { id } } } }', { id });
    const [a, b] = [await ask(withPlan), await ask(withoutPlan)];
    expect(a).toEqual(b);
    expect(a.data).toEqual({ citizen: { plan: null } });
    expect(a.errors?.[0]?.extensions).toEqual({ code: 'CONSENT_REQUIRED', category: 'PLAN' });
  });

  it('shows the plan to its coordinator and to the citizen', async () => {
    const citizenId = await register('1111901234');
    await call(employment, CREATE_PLAN, { i: { citizenId, overallGoal: 'Back to school' } });
    const query = 'query($id: ID!) { citizen(id: $id) { plan { overallGoal citizen { id } } } }';
    for (const identity of [employment, as.citizen(citizenId)]) {
      expect((await call(identity, query, { id: citizenId })).data).toEqual({
        citizen: { plan: { overallGoal: 'Back to school', citizen: { id: citizenId } } },
      });
    }
  });
});

describe('consents', () => {
  const RECORD = `mutation($i: RecordConsentInput!) { recordConsent(input: $i) {
    id categories recipients active revokedAt method evidence recordedBy { id name department } revokedBy } }`;
  const REVOKE = 'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active revokedAt revokedBy } }';
  const DAY_MS = 86_400_000;
  const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
  const terms = (citizenId: string) => ({
    citizenId,
    categories: ['HEALTH_SERVICES', 'HEALTH_CONDITIONS'],
    recipients: ['EMPLOYMENT'],
    purpose: 'Joint plan',
    validUntil: inDays(300),
  });
  const refusal = async (identity: Parameters<typeof callSubgraph>[1], input: Record<string, unknown>) =>
    (await call(identity, RECORD, { i: input })).errors?.map((error) => error.extensions);
  const consentLog = async (citizenId: string) =>
    (await accessEventsOf(subgraph.db.prisma, citizenId))
      .filter((event) => event.purpose.startsWith('Consent '))
      .map(({ actorSub, actorRole, category, purpose, decision, source }) => ({
        actorSub,
        actorRole,
        category,
        purpose,
        decision,
        source,
      }));

  it('records a first-edition call, without method or evidence, as IN_WRITING by the caseworker and says no evidence was named', async () => {
    const citizenId = await register('1212901234');
    const recorded = await call(social, RECORD, {
      i: { ...terms(citizenId), categories: ['HEALTH_SERVICES', 'HEALTH_SERVICES'] },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordConsent).toMatchObject({
      categories: ['HEALTH_SERVICES'],
      recipients: ['EMPLOYMENT'],
      active: true,
      revokedAt: null,
      method: 'IN_WRITING',
      evidence: 'none given (recorded without a method)',
      recordedBy: { id: 'cw-soc-a', name: 'SOCIAL caseworker', department: 'SOCIAL' },
      revokedBy: null,
    });
  });

  it('records the method and evidence a caseworker names, and the citizen revoking it by name', async () => {
    const citizenId = await register('1601901234');
    const recorded = await call(social, RECORD, {
      i: { ...terms(citizenId), method: 'IN_MEETING', evidence: ' Journal note 2026-4711 ' },
    });
    expect(recorded.data!.recordConsent).toMatchObject({ method: 'IN_MEETING', evidence: 'Journal note 2026-4711' });
    const revoked = await call(as.citizen(citizenId), REVOKE, { id: recorded.data!.recordConsent.id });
    expect(revoked.data!.revokeConsent).toEqual({ active: false, revokedAt: expect.any(String), revokedBy: 'The citizen' });
    const again = await call(employment, REVOKE, { id: recorded.data!.recordConsent.id });
    expect(again.data!.revokeConsent).toEqual(revoked.data!.revokeConsent);
  });

  it('asks evidence of every method but DIGITAL, and leaves DIGITAL to the citizen', async () => {
    const citizenId = await register('1701901234');
    for (const method of ['IN_WRITING', 'IN_MEETING', 'ORALLY']) {
      for (const evidence of [undefined, '  ']) {
        expect(await refusal(social, { ...terms(citizenId), method, evidence })).toEqual([
          { code: 'BAD_USER_INPUT', field: 'evidence' },
        ]);
      }
    }
    expect(await refusal(social, { ...terms(citizenId), method: 'DIGITAL', evidence: 'Journal note 1' })).toEqual([
      { code: 'BAD_USER_INPUT', field: 'method' },
    ]);
    expect(await subgraph.db.prisma.consent.count({ where: { citizenId } })).toBe(0);
  });

  it("lets the citizen give their own consent, DIGITAL and recorded by no one, and no one else's", async () => {
    const citizenId = await register('1801901234');
    const other = await register('1901901234');
    const citizen = as.citizen(citizenId);
    const given = await call(citizen, RECORD, { i: terms(citizenId) });
    expect(given.errors).toBeUndefined();
    expect(given.data!.recordConsent).toMatchObject({ method: 'DIGITAL', recordedBy: null, evidence: null, active: true });
    expect((await call(citizen, RECORD, { i: { ...terms(citizenId), method: 'DIGITAL' } })).errors).toBeUndefined();
    expect(await refusal(citizen, { ...terms(citizenId), method: 'IN_WRITING', evidence: 'x' })).toEqual([
      { code: 'BAD_USER_INPUT', field: 'method' },
    ]);
    // Another citizen, or none: the same refusal, so it tells nothing of who is registered.
    const forOther = await call(citizen, RECORD, { i: terms(other) });
    const forNoOne = await call(citizen, RECORD, { i: terms('00000000-0000-4000-8000-00000000dead') });
    expect(codes(forOther)).toEqual(['FORBIDDEN']);
    expect(forOther.errors).toEqual(forNoOne.errors);
    expect(codes(await call(as.analyst(), RECORD, { i: terms(citizenId) }))).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.prisma.consent.count({ where: { citizenId: other } })).toBe(0);
  });

  it('refuses validUntil in the past or more than a year ahead, and empty categories, writing nothing', async () => {
    const citizenId = await register('1301901234');
    const base = terms(citizenId);
    for (const validUntil of ['2020-01-01T00:00:00Z', '9999-12-31T00:00:00Z', inDays(367)]) {
      expect(await refusal(social, { ...base, validUntil })).toEqual([{ code: 'BAD_USER_INPUT', field: 'validUntil' }]);
    }
    expect(await refusal(social, { ...base, categories: [] })).toEqual([{ code: 'BAD_USER_INPUT', field: 'categories' }]);
    expect(await subgraph.db.prisma.consent.count({ where: { citizenId } })).toBe(0);
    expect((await call(social, RECORD, { i: { ...base, validUntil: inDays(364) } })).errors).toBeUndefined();
  });

  it('refuses a purpose the system logs under its own name, however it is cased or spaced', async () => {
    const citizenId = await register('2001901234');
    for (const purpose of ["Citizen's right of access", '  citizen\u2019s RIGHT  of access ', 'Audit', 'Consent recorded']) {
      for (const identity of [social, as.citizen(citizenId)]) {
        expect([purpose, await refusal(identity, { ...terms(citizenId), purpose })]).toEqual([
          purpose,
          [{ code: 'BAD_USER_INPUT', field: 'purpose' }],
        ]);
      }
    }
    expect(await subgraph.db.prisma.consent.count({ where: { citizenId } })).toBe(0);
  });

  it("logs recording and revoking in the citizen's access log, once per category, and a second revocation not at all", async () => {
    const citizenId = await register('2101901234');
    const recorded = await call(social, RECORD, { i: { ...terms(citizenId), method: 'ORALLY', evidence: 'Journal note 7' } });
    await call(employment, REVOKE, { id: recorded.data!.recordConsent.id });
    await call(as.citizen(citizenId), REVOKE, { id: recorded.data!.recordConsent.id });
    const event = (actorSub: string, actorRole: string, category: string, purpose: string) => ({
      actorSub,
      actorRole,
      category,
      purpose,
      decision: 'ALLOWED',
      source: 'COORDINATION',
    });
    expect(await consentLog(citizenId)).toEqual([
      event('cw-soc-a', 'caseworker', 'HEALTH_SERVICES', 'Consent recorded'),
      event('cw-soc-a', 'caseworker', 'HEALTH_CONDITIONS', 'Consent recorded'),
      event('cw-emp-a', 'caseworker', 'HEALTH_SERVICES', 'Consent revoked'),
      event('cw-emp-a', 'caseworker', 'HEALTH_CONDITIONS', 'Consent revoked'),
    ]);
  });

  it("keeps a citizen from revoking another citizen's consent", async () => {
    const owner = await register('1401901234');
    const stranger = await register('1501901234');
    const recorded = await call(social, RECORD, { i: terms(owner) });
    const response = await call(as.citizen(stranger), REVOKE, { id: recorded.data!.recordConsent.id });
    expect(codes(response)).toEqual(['NOT_FOUND']);
    expect(
      (await subgraph.db.prisma.consent.findUniqueOrThrow({ where: { id: recorded.data!.recordConsent.id } })).revokedAt,
    ).toBeNull();
  });
});

describe('statistics for analysts', () => {
  const STATISTICS =
    '{ planStatistics { citizens plansByStatus { status count } goalsByDepartment { department status count } activeConsentsByCategory { category count } } }';
  // A database of its own, so the counts are this block's whatever else runs: 8 citizens, 5 active plans, 3 cancelled.
  let counted: SubgraphInProcess<PrismaClient>;
  const ask = (identity: Parameters<typeof callSubgraph>[1]) =>
    callSubgraph<Record<string, any>>(counted.server.url, identity, STATISTICS);

  beforeAll(async () => {
    counted = await startSubgraph(plan, { demo: false });
    for (let n = 0; n < 8; n++) {
      const cpr = `${String(n + 10).padStart(2, '0')}0390${String(1000 + n)}`;
      const registered = await callSubgraph<Record<string, any>>(
        counted.server.url,
        employment,
        'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { id } }',
        { i: { cpr, name: `Counted ${n}` } },
      );
      const created = await callSubgraph<Record<string, any>>(counted.server.url, employment, CREATE_PLAN, {
        i: { citizenId: registered.data!.registerCitizen.id, overallGoal: 'x' },
      });
      if (n >= 5) {
        await callSubgraph(
          counted.server.url,
          employment,
          'mutation($i: SetPlanStatusInput!) { setPlanStatus(input: $i) { status } }',
          { i: { planId: created.data!.createPlan.id, status: 'CANCELLED' } },
        );
      }
    }
  });

  afterAll(async () => {
    await counted.close();
  });

  it('counts without personal data, rounds to 5, and suppresses counts from 1 to 4 and what would recompute them', async () => {
    const response = await ask(as.analyst());
    expect(response.errors).toBeUndefined();
    const statistics = response.data!.planStatistics;
    expect(statistics.citizens).toBe(10);
    // 3 cancelled is suppressed, and the 5 drafts with it: 8 citizens less 5 drafts would be the 3.
    expect([...statistics.plansByStatus].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'CANCELLED', count: null },
      { status: 'DRAFT', count: null },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\d{10}/);
  });

  it("keeps the day's figures while changes are made, so a suppressed cell cannot be counted by polling", async () => {
    const before = (await ask(as.analyst())).data!.planStatistics;
    for (let n = 0; n < 3; n++) {
      const registered = await callSubgraph<Record<string, any>>(
        counted.server.url,
        employment,
        'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { id } }',
        { i: { cpr: `${String(n + 20).padStart(2, '0')}0390${String(2000 + n)}`, name: `Added ${n}` } },
      );
      const created = await callSubgraph<Record<string, any>>(counted.server.url, employment, CREATE_PLAN, {
        i: { citizenId: registered.data!.registerCitizen.id, overallGoal: 'x' },
      });
      await callSubgraph(
        counted.server.url,
        employment,
        'mutation($i: SetPlanStatusInput!) { setPlanStatus(input: $i) { status } }',
        {
          i: { planId: created.data!.createPlan.id, status: 'CANCELLED' },
        },
      );
    }
    const after = (await ask(as.analyst())).data!.planStatistics;
    expect(after).toEqual(before);
    expect(before.plansByStatus).toContainEqual({ status: 'CANCELLED', count: null });
  });

  it('refuses citizens and auditors', async () => {
    for (const identity of [as.citizen('00000000-0000-4000-8000-000000000000'), as.auditor()]) {
      expect(codes(await ask(identity))).toEqual(['FORBIDDEN']);
    }
  });
});

describe('auditors', () => {
  it('read a citizen, their consents and their access log (their own look-up first), but not their plan', async () => {
    const citizenId = await register('0201911234');
    const response = await call(
      as.auditor(),
      'query($id: ID!) { citizen(id: $id) { id consents { id } accessLog { category } plan { id } } }',
      { id: citizenId },
    );
    expect(response.data).toEqual({
      citizen: { id: citizenId, consents: [], accessLog: [{ category: 'IDENTITY' }], plan: null },
    });
    expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'FORBIDDEN' }]);
  });
});

describe('only the gateway may call', () => {
  it('refuses an unsigned request even with a plausible body', async () => {
    const response = await fetch(subgraph.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-oneplan-identity': 'e30' },
      body: JSON.stringify({ query: '{ citizens { edges { cursor } } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [{ message: 'This service answers only the oneplan gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});
