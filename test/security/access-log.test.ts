import type { DataCategory, Department, Identity } from '@oneplan/protocol';
import { as, type GraphQLResponse } from '../support/signed';
import { accessEventsOf } from '../support/access-events';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import { EVERY_CATEGORY, categoryData, freshCitizen, recordConsent, type FreshCitizen } from '../support/fresh-citizen';

/*
 * "Every read of a citizen's data and every denial is recorded (who, role,
 * department, citizen, category, purpose, decision, time) before the data
 * leaves; if it cannot be recorded, the data does not leave."
 */

type SubgraphName = 'plan' | 'employment' | 'social' | 'health';

const COORDINATOR = as.caseworker('SOCIAL', 'cw-log-coordinator');
const EMPLOYMENT = as.caseworker('EMPLOYMENT', 'cw-log-employment');
const SOCIAL = as.caseworker('SOCIAL', 'cw-log-social');
const HEALTH = as.caseworker('HEALTH', 'cw-log-health');
const CONSENT_PURPOSE = 'Return to work despite back pain';

/** Which subgraph keeps the data (and the log) of each category. */
const SUBGRAPH_OF: Record<DataCategory, SubgraphName> = {
  PLAN: 'plan',
  EMPLOYMENT_STATUS: 'employment',
  EMPLOYMENT_ACTIVITIES: 'employment',
  SOCIAL_MEASURES: 'social',
  HEALTH_SERVICES: 'health',
  HEALTH_CONDITIONS: 'health',
};
const SOURCE_OF: Record<SubgraphName, Department> = {
  plan: 'COORDINATION',
  employment: 'EMPLOYMENT',
  social: 'SOCIAL',
  health: 'HEALTH',
};

/** One category of one citizen, read on its own. */
const READ_ONE: Record<DataCategory, string> = {
  PLAN: 'query($id: ID!) { citizen(id: $id) { plan { overallGoal } } }',
  EMPLOYMENT_STATUS: 'query($id: ID!) { citizen(id: $id) { employment { status { targetGroup } } } }',
  EMPLOYMENT_ACTIVITIES: 'query($id: ID!) { citizen(id: $id) { employment { activities { kind } } } }',
  SOCIAL_MEASURES: 'query($id: ID!) { citizen(id: $id) { social { measures { description } } } }',
  HEALTH_SERVICES: 'query($id: ID!) { citizen(id: $id) { health { services { description } } } }',
  HEALTH_CONDITIONS: 'query($id: ID!) { citizen(id: $id) { health { conditions { description } } } }',
};

const LOG_FIELDS = 'at actorName actorRole actorDepartment category purpose decision source';

interface Read {
  caller: Identity;
  category: DataCategory;
  decision: 'ALLOWED' | 'DENIED';
  purpose: string;
}

/** What a caller's read leaves in the log, in the contract's words. */
function recordOf(citizenId: string, read: Read) {
  return {
    citizenId,
    actorSub: read.caller.sub,
    actorName: read.caller.name,
    actorRole: read.caller.role,
    actorDepartment: read.caller.department ?? null,
    category: read.category,
    purpose: read.purpose,
    decision: read.decision,
    source: SOURCE_OF[SUBGRAPH_OF[read.category]],
  };
}

function logRows(system: System, name: SubgraphName, citizenId: string) {
  return accessEventsOf(system[name].db.prisma, citizenId);
}

/** Every subgraph's log rows of the citizen, each with a key unique across subgraphs. */
async function everyLogRow(system: System, citizenId: string) {
  const names: SubgraphName[] = ['plan', 'employment', 'social', 'health'];
  const rows = await Promise.all(
    names.map(async (name) =>
      (await logRows(system, name, citizenId)).map((row) => ({ key: `${name}:${row.id}`, name, ...row })),
    ),
  );
  return rows.flat();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the access log', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  describe('reads and denials, one by one', () => {
    let citizen: FreshCitizen;
    /** Every read below, oldest first, each in a request of its own. */
    const READS: Read[] = [
      { caller: EMPLOYMENT, category: 'EMPLOYMENT_STATUS', decision: 'ALLOWED', purpose: 'Own department case work' },
      { caller: EMPLOYMENT, category: 'HEALTH_SERVICES', decision: 'ALLOWED', purpose: CONSENT_PURPOSE },
      { caller: EMPLOYMENT, category: 'HEALTH_CONDITIONS', decision: 'DENIED', purpose: 'No active consent' },
      { caller: SOCIAL, category: 'PLAN', decision: 'DENIED', purpose: 'No active consent' },
      { caller: COORDINATOR, category: 'PLAN', decision: 'ALLOWED', purpose: 'Plan coordinator' },
      { caller: as.auditor(), category: 'SOCIAL_MEASURES', decision: 'DENIED', purpose: 'Role may not read record data' },
      { caller: HEALTH, category: 'EMPLOYMENT_ACTIVITIES', decision: 'DENIED', purpose: 'No active consent' },
      { caller: SOCIAL, category: 'SOCIAL_MEASURES', decision: 'ALLOWED', purpose: 'Own department case work' },
    ];
    const SELF_READ: Omit<Read, 'caller'> = {
      category: 'HEALTH_CONDITIONS',
      decision: 'ALLOWED',
      purpose: "Citizen's right of access",
    };
    let everyRead: Read[];

    beforeAll(async () => {
      citizen = await freshCitizen(system, 'logged', COORDINATOR);
      await recordConsent(system, citizen.id, ['HEALTH_SERVICES'], ['EMPLOYMENT'], CONSENT_PURPOSE);
      everyRead = [...READS, { caller: as.citizen(citizen.id), ...SELF_READ }];
    });

    it('starts empty: registering a citizen and writing their records reads nothing', async () => {
      expect(await everyLogRow(system, citizen.id)).toEqual([]);
    });

    it('leaves exactly one record per read or denial, with who, role, department, citizen, category, purpose, decision and source', async () => {
      for (const read of everyRead) {
        const before = await everyLogRow(system, citizen.id);
        const response = await system.query(read.caller, READ_ONE[read.category], { id: citizen.id });
        const codes = (response.errors ?? []).map((error) => error.extensions?.code);
        expect(codes).toEqual(
          read.decision === 'ALLOWED' ? [] : [read.caller.role === 'auditor' ? 'FORBIDDEN' : 'CONSENT_REQUIRED'],
        );

        const after = await everyLogRow(system, citizen.id);
        const added = after.filter((row) => !before.some((old) => old.key === row.key));
        expect(added.map(({ key: _key, id: _id, at: _at, ...record }) => record)).toEqual([
          { name: SUBGRAPH_OF[read.category], ...recordOf(citizen.id, read) },
        ]);
        // Distinct times, so "newest first" has one right answer across departments.
        await sleep(5);
      }
    });

    it('shows the citizen every record of every department in me { accessLog }, newest first', async () => {
      const rows = await everyLogRow(system, citizen.id);
      const newestFirst = [...rows].sort((a, b) => b.at.getTime() - a.at.getTime());
      const response = await system.query(as.citizen(citizen.id), `{ me { accessLog { ${LOG_FIELDS} } } }`);
      expect(response).toEqual({
        status: 200,
        data: {
          me: {
            accessLog: [...everyRead].reverse().map((read, index) => {
              const { citizenId: _c, actorSub: _s, ...shown } = recordOf(citizen.id, read);
              return { at: newestFirst[index]!.at.toISOString(), ...shown };
            }),
          },
        },
      });
    });

    it('gives the citizen only the newest `first` records', async () => {
      const response = await system.query(as.citizen(citizen.id), '{ me { accessLog(first: 3) { category decision source } } }');
      expect(response).toEqual({
        status: 200,
        data: {
          me: {
            accessLog: [...everyRead]
              .reverse()
              .slice(0, 3)
              .map((read) => ({
                category: read.category,
                decision: read.decision,
                source: SOURCE_OF[SUBGRAPH_OF[read.category]],
              })),
          },
        },
      });
    });

    it("shows an auditor any citizen's log, the same the citizen sees, and records nothing for it", async () => {
      const before = await everyLogRow(system, citizen.id);
      const own = await system.query(as.citizen(citizen.id), `{ me { accessLog { ${LOG_FIELDS} } } }`);
      const audited = await system.query(as.auditor(), `query($id: ID!) { citizen(id: $id) { accessLog { ${LOG_FIELDS} } } }`, {
        id: citizen.id,
      });
      expect(audited).toEqual({
        status: 200,
        data: { citizen: { accessLog: (own.data as { me: { accessLog: unknown[] } }).me.accessLog } },
      });
      expect((audited.data as { citizen: { accessLog: unknown[] } }).citizen.accessLog).toHaveLength(everyRead.length);
      expect(await everyLogRow(system, citizen.id)).toEqual(before);
    });

    it.each([
      ['an EMPLOYMENT caseworker', EMPLOYMENT],
      ["the plan's coordinator", COORDINATOR],
      ['a COORDINATION caseworker', as.caseworker('COORDINATION', 'cw-log-coordination')],
    ])('refuses %s the log with FORBIDDEN, serving the rest of the answer', async (_, caller) => {
      const response = await system.query(caller, `query($id: ID!) { citizen(id: $id) { name accessLog { ${LOG_FIELDS} } } }`, {
        id: citizen.id,
      });
      expect(response).toEqual({
        status: 200,
        data: { citizen: { name: 'Citizen logged', accessLog: null } },
        errors: [{ message: expect.any(String), path: ['citizen', 'accessLog'], extensions: { code: 'FORBIDDEN' } }],
      });
    });

    it.each([
      ['an analyst', () => as.analyst()],
      ['another citizen', () => as.citizen('00000000-0000-4000-8000-000000000000')],
    ])('refuses %s the citizen and their log with FORBIDDEN', async (_, caller) => {
      const response = await system.query(caller(), `query($id: ID!) { citizen(id: $id) { accessLog { ${LOG_FIELDS} } } }`, {
        id: citizen.id,
      });
      expect(response).toEqual({
        status: 200,
        data: { citizen: null },
        errors: [{ message: expect.any(String), path: ['citizen'], extensions: { code: 'FORBIDDEN' } }],
      });
    });
  });

  describe('when a log cannot be written', () => {
    const CATEGORIES_OF: Record<SubgraphName, DataCategory[]> = {
      plan: ['PLAN'],
      employment: ['EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES'],
      social: ['SOCIAL_MEASURES'],
      health: ['HEALTH_SERVICES', 'HEALTH_CONDITIONS'],
    };
    const PATH_OF: Record<DataCategory, (string | number)[]> = {
      PLAN: ['citizen', 'plan'],
      EMPLOYMENT_STATUS: ['citizen', 'employment', 'status'],
      EMPLOYMENT_ACTIVITIES: ['citizen', 'employment', 'activities'],
      SOCIAL_MEASURES: ['citizen', 'social', 'measures'],
      HEALTH_SERVICES: ['citizen', 'health', 'services'],
      HEALTH_CONDITIONS: ['citizen', 'health', 'conditions'],
    };

    /** Every INSERT into this subgraph's log fails until `restore` runs; existing rows stay valid. */
    async function breakLog(name: SubgraphName) {
      const prisma = system[name].db.prisma as unknown as { $executeRawUnsafe(sql: string): Promise<number> };
      await prisma.$executeRawUnsafe(
        'ALTER TABLE "AccessEvent" ADD CONSTRAINT "security_test_refuses_every_record" CHECK (false) NOT VALID',
      );
      return () => prisma.$executeRawUnsafe('ALTER TABLE "AccessEvent" DROP CONSTRAINT "security_test_refuses_every_record"');
    }

    const sortErrors = (response: GraphQLResponse) =>
      response.errors
        ? {
            ...response,
            errors: [...response.errors].sort((a, b) => (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.'))),
          }
        : response;

    it.each(['plan', 'employment', 'social', 'health'] as const)(
      'lets no %s data leave while its log refuses records, serves the rest, and serves it again once the log works',
      async (name) => {
        const citizen = await freshCitizen(system, `unloggable-${name}`, COORDINATOR);
        const self = as.citizen(citizen.id);
        const failing = CATEGORIES_OF[name];
        const everything = {
          id: citizen.id,
          name: `Citizen ${citizen.label}`,
          plan: categoryData(citizen, 'PLAN'),
          employment: {
            status: categoryData(citizen, 'EMPLOYMENT_STATUS'),
            activities: categoryData(citizen, 'EMPLOYMENT_ACTIVITIES'),
          },
          social: { measures: categoryData(citizen, 'SOCIAL_MEASURES') },
          health: { services: categoryData(citizen, 'HEALTH_SERVICES'), conditions: categoryData(citizen, 'HEALTH_CONDITIONS') },
        };
        const withheld = structuredClone(everything) as Record<string, any>;
        for (const category of failing) {
          const path = PATH_OF[category].slice(1) as string[];
          if (path.length === 1) withheld[path[0]!] = null;
          else withheld[path[0]!][path[1]!] = null;
        }

        const rowsBefore = await logRows(system, name, citizen.id);
        const restore = await breakLog(name);
        let response: GraphQLResponse;
        try {
          response = await system.query(self, EVERY_CATEGORY, { id: citizen.id });
        } finally {
          await restore();
        }

        expect(sortErrors(response)).toEqual({
          status: 200,
          data: { citizen: withheld },
          errors: failing
            .map((category) => ({
              message: 'Something went wrong on our side.',
              path: PATH_OF[category],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            }))
            .sort((a, b) => a.path.join('.').localeCompare(b.path.join('.'))),
        });
        const text = JSON.stringify(response);
        for (const category of failing) {
          for (const value of Object.values(JSON.stringify(categoryData(citizen, category)).match(/"[^"]* of [^"]*"/g) ?? [])) {
            expect(text).not.toContain(value.slice(1, -1));
          }
        }
        expect(text).not.toMatch(/AccessEvent|security_test|constraint|violat|SELECT|INSERT/i);
        expect(await logRows(system, name, citizen.id)).toEqual(rowsBefore);

        expect(await system.query(self, EVERY_CATEGORY, { id: citizen.id })).toEqual({
          status: 200,
          data: { citizen: everything },
        });
      },
    );
  });
});
