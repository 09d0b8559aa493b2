import type { ConsentableCategory, DataCategory, Department, Identity } from '@oneplan/protocol';
import { as, type GraphQLResponse } from '../support/signed';
import { accessEventsBy, accessEventsOf, type AccessEventRow } from '../support/access-events';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import {
  EVERY_CATEGORY,
  categoryData,
  freshCitizen,
  recordConsent,
  withinAYear,
  type FreshCitizen,
} from '../support/fresh-citizen';

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
  IDENTITY: 'plan',
};
const SOURCE_OF: Record<SubgraphName, Department> = {
  plan: 'COORDINATION',
  employment: 'EMPLOYMENT',
  social: 'SOCIAL',
  health: 'HEALTH',
};

/** One category of one citizen, read on its own (after looking them up by id). */
const READ_ONE: Record<ConsentableCategory, string> = {
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

/** Why the contract lets each caller who may look a citizen up see who they are. */
const IDENTITY_PURPOSE: Partial<Record<Identity['role'], string>> = {
  caseworker: 'Case work',
  auditor: 'Audit',
  citizen: "Citizen's right of access",
};

/** The IDENTITY read of a caller who looked the citizen up. */
function lookUp(caller: Identity): Read {
  return { caller, category: 'IDENTITY', decision: 'ALLOWED', purpose: IDENTITY_PURPOSE[caller.role]! };
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

/** A row as the citizen's `accessLog` shows it. */
function shownAs({ at, actorName, actorRole, actorDepartment, category, purpose, decision, source }: AccessEventRow) {
  return { at: at.toISOString(), actorName, actorRole, actorDepartment, category, purpose, decision, source };
}

/** Entries in one order, to compare as sets. */
const canonical = <T>(entries: readonly T[]) => entries.map((entry) => JSON.stringify(entry)).sort();

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
    const READS: (Read & { category: ConsentableCategory })[] = [
      { caller: EMPLOYMENT, category: 'EMPLOYMENT_STATUS', decision: 'ALLOWED', purpose: 'Own department case work' },
      { caller: EMPLOYMENT, category: 'HEALTH_SERVICES', decision: 'ALLOWED', purpose: CONSENT_PURPOSE },
      { caller: EMPLOYMENT, category: 'HEALTH_CONDITIONS', decision: 'DENIED', purpose: 'No active consent' },
      { caller: SOCIAL, category: 'PLAN', decision: 'DENIED', purpose: 'No active consent' },
      { caller: COORDINATOR, category: 'PLAN', decision: 'ALLOWED', purpose: 'Plan coordinator' },
      { caller: as.auditor(), category: 'SOCIAL_MEASURES', decision: 'DENIED', purpose: 'Role may not read record data' },
      { caller: HEALTH, category: 'EMPLOYMENT_ACTIVITIES', decision: 'DENIED', purpose: 'No active consent' },
      { caller: SOCIAL, category: 'SOCIAL_MEASURES', decision: 'ALLOWED', purpose: 'Own department case work' },
    ];
    const SELF_READ: Omit<Read, 'caller'> & { category: ConsentableCategory } = {
      category: 'HEALTH_CONDITIONS',
      decision: 'ALLOWED',
      purpose: "Citizen's right of access",
    };
    let everyRead: (Read & { category: ConsentableCategory })[];
    /** What setting the citizen up left in the log: the writes' answers, each a read of what it answered. */
    let setUp: Awaited<ReturnType<typeof everyLogRow>>;

    beforeAll(async () => {
      citizen = await freshCitizen(system, 'logged', COORDINATOR);
      await recordConsent(system, citizen.id, ['HEALTH_SERVICES'], ['EMPLOYMENT'], CONSENT_PURPOSE);
      everyRead = [...READS, { caller: as.citizen(citizen.id), ...SELF_READ }];
      setUp = await everyLogRow(system, citizen.id);
    });

    it('logs each write that set the citizen up as a read of what it answered, by the writer, and nothing else', async () => {
      const written = new Set(
        setUp.filter((row) => row.purpose !== 'Consent recorded').map((row) => `${row.actorSub} ${row.category}`),
      );
      expect(written).toEqual(
        new Set([
          `${COORDINATOR.sub} PLAN`,
          'cw-employment-writer EMPLOYMENT_STATUS',
          'cw-employment-writer EMPLOYMENT_ACTIVITIES',
          'cw-social-writer SOCIAL_MEASURES',
          'cw-health-writer HEALTH_SERVICES',
          'cw-health-writer HEALTH_CONDITIONS',
        ]),
      );
      expect(setUp.filter((row) => row.decision !== 'ALLOWED')).toEqual([]);
    });

    it('leaves exactly one record per read or denial, and one for the look-up, with who, role, department, citizen, category, purpose, decision and source', async () => {
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
          { name: 'plan', ...recordOf(citizen.id, lookUp(read.caller)) },
          { name: SUBGRAPH_OF[read.category], ...recordOf(citizen.id, read) },
        ]);
        // Distinct times, so "newest first" has one right answer across departments.
        await sleep(5);
      }
    });

    it('shows the citizen every record of every department in me { accessLog }, newest first, their own look-up first of all', async () => {
      const response = await system.query(as.citizen(citizen.id), `{ me { accessLog { ${LOG_FIELDS} } } }`);
      const rows = await everyLogRow(system, citizen.id);
      expect(rows).toHaveLength(setUp.length + 2 * everyRead.length + 1);
      const shown = (response.data as { me: { accessLog: { at: string }[] } }).me.accessLog;
      expect(canonical(shown)).toEqual(canonical(rows.map(shownAs)));
      expect(shown.map((event) => event.at)).toEqual(
        shown
          .map((event) => event.at)
          .sort()
          .reverse(),
      );
      const { citizenId: _c, actorSub: _s, ...ownLookUp } = recordOf(citizen.id, lookUp(as.citizen(citizen.id)));
      expect(shown[0]).toEqual({ at: expect.any(String), ...ownLookUp });
    });

    it('gives the citizen only the newest `first` records', async () => {
      const response = await system.query(
        as.citizen(citizen.id),
        '{ me { newest: accessLog(first: 3) { at category decision source } all: accessLog { at category decision source } } }',
      );
      const { newest, all } = (response.data as { me: { newest: unknown[]; all: unknown[] } }).me;
      expect(all.length).toBeGreaterThan(3);
      expect(newest).toEqual(all.slice(0, 3));
    });

    it("shows an auditor any citizen's log as the citizen sees it, and logs only the auditor's look-up", async () => {
      const own = await system.query(as.citizen(citizen.id), `{ me { accessLog { ${LOG_FIELDS} } } }`);
      const before = await everyLogRow(system, citizen.id);
      const audited = await system.query(as.auditor(), `query($id: ID!) { citizen(id: $id) { accessLog { ${LOG_FIELDS} } } }`, {
        id: citizen.id,
      });
      const { citizenId: _c, actorSub: _s, ...auditorLookUp } = recordOf(citizen.id, lookUp(as.auditor()));
      expect(audited).toEqual({
        status: 200,
        data: {
          citizen: {
            accessLog: [
              { at: expect.any(String), ...auditorLookUp },
              ...(own.data as { me: { accessLog: unknown[] } }).me.accessLog,
            ],
          },
        },
      });
      const added = (await everyLogRow(system, citizen.id)).filter((row) => !before.some((old) => old.key === row.key));
      expect(added.map(({ key: _key, id: _id, at: _at, ...record }) => record)).toEqual([
        { name: 'plan', ...recordOf(citizen.id, lookUp(as.auditor())) },
      ]);
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

  describe('identity reads', () => {
    let citizen: FreshCitizen;
    let cpr: string;
    /** A valid CPR that no citizen has. */
    const NO_ONES_CPR = '3112991234';
    const NO_ONES_ID = '00000000-0000-4000-8000-00000000dead';
    const LOOKER = { ...as.caseworker('EMPLOYMENT', 'cw-identity-looker'), name: 'Lone Looker' };

    beforeAll(async () => {
      citizen = await freshCitizen(system, 'identity', COORDINATOR);
      cpr = (await system.plan.db.prisma.citizen.findUniqueOrThrow({ where: { id: citizen.id } })).cpr;
      expect(await system.plan.db.prisma.citizen.findUnique({ where: { cpr: NO_ONES_CPR } })).toBeNull();
    });

    /** The records the plan subgraph's log gained about the citizen while `work` ran. */
    async function logged(work: () => Promise<unknown>) {
      const before = await logRows(system, 'plan', citizen.id);
      await work();
      return (await logRows(system, 'plan', citizen.id)).slice(before.length).map(({ id: _id, at: _at, ...record }) => record);
    }

    /** An actor's records in the plan subgraph's log, once `count` are there: a refusal does not wait for its record. */
    async function recordsBy(actor: Identity, count: number) {
      let rows = await accessEventsBy(system.plan.db.prisma, actor.sub);
      for (let tries = 0; rows.length < count && tries < 80; tries += 1) {
        await sleep(25);
        rows = await accessEventsBy(system.plan.db.prisma, actor.sub);
      }
      return rows.map(({ id: _id, at: _at, ...record }) => record);
    }

    it.each([
      ['a caseworker, by id', () => LOOKER, 'query($id: ID!) { citizen(id: $id) { name } }', 'citizen'],
      ['a caseworker, by CPR', () => LOOKER, 'query($cpr: String!) { citizenByCpr(cpr: $cpr) { name } }', 'citizenByCpr'],
      ['an auditor, by id', () => as.auditor(), 'query($id: ID!) { citizen(id: $id) { name } }', 'citizen'],
      ['an auditor, by CPR', () => as.auditor(), 'query($cpr: String!) { citizenByCpr(cpr: $cpr) { name } }', 'citizenByCpr'],
      ['the citizen, as me', () => as.citizen(citizen.id), '{ me { name } }', 'me'],
      ['the citizen, by their own id', () => as.citizen(citizen.id), 'query($id: ID!) { citizen(id: $id) { name } }', 'citizen'],
      [
        'the citizen, by their own CPR',
        () => as.citizen(citizen.id),
        'query($cpr: String!) { citizenByCpr(cpr: $cpr) { name } }',
        'citizenByCpr',
      ],
    ])('logs a look-up by %s as an IDENTITY read, ALLOWED, from COORDINATION', async (_, caller, query, field) => {
      let response: GraphQLResponse | undefined;
      const added = await logged(async () => {
        response = await system.query(caller(), query, { id: citizen.id, cpr });
      });
      expect(response).toEqual({ status: 200, data: { [field]: { name: 'Citizen identity' } } });
      expect(added).toEqual([recordOf(citizen.id, lookUp(caller()))]);
    });

    it.each([
      ['another citizen', 'by id', () => as.citizen('00000000-0000-4000-8000-0000000000a1'), 'citizen'],
      ['another citizen', 'by CPR', () => as.citizen('00000000-0000-4000-8000-0000000000a2'), 'citizenByCpr'],
      ['an analyst', 'by id', () => ({ ...as.analyst(), sub: 'analyst-identity-by-id' }), 'citizen'],
      ['an analyst', 'by CPR', () => ({ ...as.analyst(), sub: 'analyst-identity-by-cpr' }), 'citizenByCpr'],
    ])(
      'logs %s looking a citizen up %s as DENIED, with the refusal one that names no one gets, which logs nothing',
      async (_, __, caller, field) => {
        const query =
          field === 'citizen'
            ? 'query($named: ID!) { citizen(id: $named) { name } }'
            : 'query($named: String!) { citizenByCpr(cpr: $named) { name } }';
        const [named, noOne] = field === 'citizen' ? [citizen.id, NO_ONES_ID] : [cpr, NO_ONES_CPR];
        const refusedNoOne = await system.query(caller(), query, { named: noOne });
        const refusedNamed = await system.query(caller(), query, { named });
        expect(refusedNamed).toEqual({
          status: 200,
          data: { [field]: null },
          errors: [{ message: expect.any(String), path: [field], extensions: { code: 'FORBIDDEN' } }],
        });
        expect(refusedNoOne).toEqual(refusedNamed);
        expect(await recordsBy(caller(), 1)).toEqual([
          recordOf(citizen.id, {
            caller: caller(),
            category: 'IDENTITY',
            decision: 'DENIED',
            purpose: 'Role may not read record data',
          }),
        ]);
      },
    );

    it('logs every citizen of a page of citizens, in one INSERT however long the page', async () => {
      const LISTER = as.caseworker('HEALTH', 'cw-identity-lister');
      const page = (first: number) => `{ citizens(first: ${first}) { edges { node { id } } } }`;
      let listed: string[] = [];
      const hundred = await system.statementsDuring(async () => {
        const response = await system.query<{ citizens: { edges: { node: { id: string } }[] } }>(LISTER, page(100));
        listed = response.data!.citizens.edges.map((edge) => edge.node.id);
      });
      expect(listed).toHaveLength(100);
      const { citizenId: _c, ...listing } = recordOf(citizen.id, lookUp(LISTER));
      const records = await recordsBy(LISTER, 100);
      expect(records).toHaveLength(100);
      expect(records).toEqual(expect.arrayContaining(listed.map((citizenId) => ({ ...listing, citizenId }))));

      const five = await system.statementsDuring(() => system.query(as.caseworker('HEALTH', 'cw-identity-lister-5'), page(5)));
      expect(hundred).toEqual(five);
      expect(hundred).toEqual({ plan: expect.any(Number), employment: 0, social: 0, health: 0 });
    });

    it('shows the citizen in me { accessLog } every caseworker who looked them up or listed them', async () => {
      const PAGER = { ...as.caseworker('SOCIAL', 'cw-identity-pager'), name: 'Per Pager' };
      let after: string | null = null;
      for (let listed = false; !listed;) {
        const response: GraphQLResponse<{
          citizens: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        }> = await system.query(
          PAGER,
          'query($after: String) { citizens(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { after },
        );
        const { edges, pageInfo } = response.data!.citizens;
        listed = edges.some((edge) => edge.node.id === citizen.id);
        if (!listed && !pageInfo.hasNextPage) throw new Error('the citizen was never listed');
        after = pageInfo.endCursor;
      }
      await system.query(LOOKER, 'query($cpr: String!) { citizenByCpr(cpr: $cpr) { id } }', { cpr });

      const response = await system.query(
        as.citizen(citizen.id),
        '{ me { accessLog(first: 500) { actorName actorRole actorDepartment category purpose decision source } } }',
      );
      const shown = (read: Read) => {
        const { citizenId: _c, actorSub: _s, ...event } = recordOf(citizen.id, read);
        return event;
      };
      expect((response.data as { me: { accessLog: unknown[] } }).me.accessLog).toEqual(
        expect.arrayContaining([shown(lookUp(PAGER)), shown(lookUp(LOOKER))]),
      );
    });

    it('refuses a consent naming IDENTITY with BAD_USER_INPUT on categories, and writes nothing', async () => {
      const consents = () => system.plan.db.prisma.consent.count({ where: { citizenId: citizen.id } });
      const [rowsBefore, consentsBefore] = [await everyLogRow(system, citizen.id), await consents()];
      const response = await system.query(
        as.caseworker('COORDINATION', 'cw-consent-recorder'),
        `mutation($c: ID!, $v: DateTime!) { recordConsent(input: {citizenId: $c, categories: [PLAN, IDENTITY], recipients: [EMPLOYMENT],
           purpose: "Joint plan", validUntil: $v}) { id } }`,
        { c: citizen.id, v: withinAYear() },
      );
      expect(response).toEqual({
        status: 200,
        data: null,
        errors: [
          { message: expect.any(String), path: ['recordConsent'], extensions: { code: 'BAD_USER_INPUT', field: 'categories' } },
        ],
      });
      expect(await consents()).toBe(consentsBefore);
      expect(await everyLogRow(system, citizen.id)).toEqual(rowsBefore);
    });

    it.each([
      [
        'the citizen, in me { name accessLog } (two calls to the plan subgraph)',
        () => as.citizen(citizen.id),
        '{ me { name accessLog { category } } }',
      ],
      [
        "the plan's coordinator, to the citizen and back through their plan",
        () => COORDINATOR,
        'query($id: ID!) { citizen(id: $id) { name plan { citizen { name plan { citizen { cpr } } } } } }',
      ],
      [
        'an auditor, in citizen { name accessLog }',
        () => as.auditor(),
        'query($id: ID!) { citizen(id: $id) { name accessLog { category } } }',
      ],
    ])('logs each read once per request however many paths lead to it: %s', async (_, caller, query) => {
      let response: GraphQLResponse | undefined;
      const added = await logged(async () => {
        response = await system.query(caller(), query, { id: citizen.id });
      });
      expect(response?.errors ?? []).toEqual([]);
      expect(added.filter((record) => record.category === 'IDENTITY')).toEqual([recordOf(citizen.id, lookUp(caller()))]);
      const reads = added.map(({ category, decision, purpose }) => `${category} ${decision} ${purpose}`);
      expect(new Set(reads).size).toBe(reads.length);
    });
  });

  describe('when a log cannot be written', () => {
    const CATEGORIES_OF: Record<SubgraphName, DataCategory[]> = {
      plan: ['IDENTITY', 'PLAN'],
      employment: ['EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES'],
      social: ['SOCIAL_MEASURES'],
      health: ['HEALTH_SERVICES', 'HEALTH_CONDITIONS'],
    };
    const PATH_OF: Record<DataCategory, (string | number)[]> = {
      IDENTITY: ['citizen'],
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
        // Who the citizen is, is the plan's to log: while it cannot, no one is revealed at all.
        const refused = failing.includes('IDENTITY') ? (['IDENTITY'] as const) : failing;
        let withheld: Record<string, any> | null = structuredClone(everything);
        for (const category of refused) {
          const path = PATH_OF[category].slice(1) as string[];
          if (path.length === 0) withheld = null;
          else if (path.length === 1) withheld![path[0]!] = null;
          else withheld![path[0]!][path[1]!] = null;
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
          errors: refused
            .map((category) => ({
              message: 'Something went wrong on our side.',
              path: PATH_OF[category],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            }))
            .sort((a, b) => a.path.join('.').localeCompare(b.path.join('.'))),
        });
        const text = JSON.stringify(response);
        for (const category of failing) {
          if (category === 'IDENTITY') expect(text).not.toContain(citizen.label);
          else {
            for (const value of Object.values(JSON.stringify(categoryData(citizen, category)).match(/"[^"]* of [^"]*"/g) ?? [])) {
              expect(text).not.toContain(value.slice(1, -1));
            }
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
