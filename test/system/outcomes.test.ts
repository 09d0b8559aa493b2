import { as, codes } from '../support/signed';
import { askOutcomes, countsOf, monthFromNow } from '../support/outcomes';
import { startSystem, type System } from '../../scripts/system/in-process-system';

// The demo cohort's plans started within the last two years.
const FROM = monthFromNow(-24);
const TO = monthFromNow(0);

/** SQL statements per subgraph for one `outcomes` over the whole demo cohort (a window not asked before). */
async function statementsOfOutcomes(system: System, from: string): Promise<Record<string, number>> {
  return system.statementsDuring(async () => {
    const response = await askOutcomes(system, as.analyst(), from, TO);
    expect(response.errors).toBeUndefined();
    expect(response.data!.outcomes.cohort).toBeGreaterThan(0);
  });
}

let statementsAt150: Record<string, number> | undefined;

describe('outcomes for analysts and management', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system.stop();
  });

  it("answers the demo cohort's figures across the departments, each under disclosure control", async () => {
    const response = await askOutcomes(system, as.analyst(), FROM, TO);
    expect(response.errors).toBeUndefined();
    const outcomes = response.data!.outcomes;
    expect(outcomes.cohort).toBeGreaterThanOrEqual(100);

    // Job readiness at each point, from employment's history; the later points hold fewer (not yet reached).
    const atStart = outcomes.jobReadiness.filter((row) => row.monthsAfterStart === 0);
    expect(atStart.map((row) => row.readiness).sort()).toEqual(['ACTIVITY_READY', 'JOB_READY']);
    expect(atStart.every((row) => (row.count ?? 0) > 0)).toBe(true);
    expect(outcomes.jobReadiness.map((row) => row.monthsAfterStart)).toEqual([0, 0, 3, 3, 6, 6, 12, 12]);

    // Each department's median days to its first effort, and caseworkers per citizen, merged across departments.
    expect(outcomes.daysToFirstEffort.map((row) => row.department)).toEqual(['EMPLOYMENT', 'SOCIAL', 'HEALTH']);
    for (const { median } of outcomes.daysToFirstEffort) expect(median).toBeGreaterThanOrEqual(0);
    expect(outcomes.caseworkersPerCitizen).toBeGreaterThanOrEqual(2);
    expect(outcomes.holisticMeetingsHeld).toBeGreaterThan(0);
    expect(outcomes.sectorMeetingsReplaced).toBeGreaterThan(0);

    // Every count is 0, null or a multiple of 5, and small cells exist and are null, not 0.
    const counts = [...countsOf(outcomes).values()];
    for (const count of counts) expect(count === null || count % 5 === 0).toBe(true);
    expect(counts).toContain(null);
    // Nothing of a person: no id, no CPR, no name.
    expect(JSON.stringify(response)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\d{6}-?\d{4}|cw-/);
  });

  it('gives the same answer all day, so polling while changing plans shows nothing', async () => {
    const [first, second] = [
      await askOutcomes(system, as.analyst(), FROM, TO),
      await askOutcomes(system, as.analyst(), FROM, TO),
    ];
    expect(second.data).toEqual(first.data);
  });

  it('is for analysts and the coordination unit; everyone else is FORBIDDEN', async () => {
    expect(codes(await askOutcomes(system, as.caseworker('COORDINATION', 'cw-coo-01'), FROM, TO))).toEqual([]);
    const someone = (await system.plan.db.prisma.citizen.findFirstOrThrow()).id;
    for (const identity of [
      as.caseworker('EMPLOYMENT'),
      as.caseworker('SOCIAL'),
      as.caseworker('HEALTH'),
      as.citizen(someone),
      as.auditor(),
    ]) {
      const response = await askOutcomes(system, identity, FROM, TO);
      expect([identity.role, identity.department, codes(response)]).toEqual([identity.role, identity.department, ['FORBIDDEN']]);
      expect(response.data?.outcomes ?? null).toBeNull();
    }
  });

  it('refuses windows that are not whole calendar months, or run backwards', async () => {
    for (const [from, to, field] of [
      ['2026-01-02', '2026-03-01', 'startedFrom'],
      ['2026-01-01', '2026-03-31', 'startedTo'],
      ['2026-04-01', '2026-03-01', 'startedFrom'],
    ] as const) {
      const response = await askOutcomes(system, as.analyst(), from, to);
      expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', field],
      ]);
    }
  });

  it("keeps the cohort and the departments' parts out of every client's reach", async () => {
    for (const field of ['cohortSeal', 'employmentOutcomePart']) {
      const response = await system.query(as.analyst(), `{ outcomes(startedFrom: "${FROM}", startedTo: "${TO}") { ${field} } }`);
      // Suggestions are on outside production, and name only fields a client may ask.
      expect(response.errors?.map((error) => [error.extensions?.code, error.message.split(' Did you mean')[0]])).toEqual([
        ['BAD_USER_INPUT', `Cannot query field "${field}" on type "Outcomes".`],
      ]);
    }
  });

  it("writes nothing to any citizen's access log: statistics are not a read of anyone's data", async () => {
    const count = () =>
      Promise.all(
        [system.plan, system.employment, system.social, system.health].map((subgraph) =>
          subgraph.db.prisma.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM "AccessEvent"'),
        ),
      );
    const before = await count();
    // Another window than the tests above, so the figures are counted anew.
    expect((await askOutcomes(system, as.analyst(), monthFromNow(-12), TO)).errors).toBeUndefined();
    expect(await count()).toEqual(before);
  });

  it("keeps the jobcenter's assessments: a new job readiness is a new row, the same one is not", async () => {
    const citizenId = (
      await system.employment.db.prisma.employmentStatus.findFirstOrThrow({ where: { jobReadiness: 'ACTIVITY_READY' } })
    ).citizenId;
    const history = () =>
      system.employment.db.prisma.jobReadinessChange.findMany({
        where: { citizenId },
        orderBy: [{ changedOn: 'asc' }, { createdAt: 'asc' }],
      });
    const before = await history();
    const assess = async (jobReadiness: string) => {
      const response = await system.query(
        as.caseworker('EMPLOYMENT', 'cw-emp-02'),
        'mutation($i: SetEmploymentStatusInput!) { setEmploymentStatus(input: $i) { jobReadiness } }',
        { i: { citizenId, targetGroup: 'Kontanthjælpsmodtager', benefit: 'Kontanthjælp', jobReadiness } },
      );
      expect(response.errors).toBeUndefined();
    };
    await assess('ACTIVITY_READY');
    expect(await history()).toEqual(before);
    await assess('JOB_READY');
    const after = await history();
    expect(after.slice(0, -1)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ jobReadiness: 'JOB_READY', registeredBy: 'cw-emp-02' });
    expect(after.at(-1)!.changedOn.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  it('runs a fixed number of SQL statements in each subgraph', async () => {
    statementsAt150 = await statementsOfOutcomes(system, monthFromNow(-30));
    expect(statementsAt150).toEqual({ plan: 3, employment: 2, social: 1, health: 1 });
  });
});

describe('outcomes over 5,000 citizens', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ demoCitizens: 5000 });
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('runs as many SQL statements in each subgraph as over 150', async () => {
    const statements = await statementsOfOutcomes(system, monthFromNow(-30));
    expect(statementsAt150).toBeDefined();
    expect(statements).toEqual(statementsAt150);
    const cohort = (await askOutcomes(system, as.analyst(), monthFromNow(-30), TO)).data!.outcomes.cohort;
    expect(cohort).toBeGreaterThan(3000);
  });
});
