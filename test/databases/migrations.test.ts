import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_MIGRATIONS_DIR, openDatabase, openSubgraphDatabase, type DatabaseLocation } from '@oneplan/kit';
import { SUBGRAPHS, subgraphNamed } from '../../schema/subgraphs';
import { accessEventsOf } from '../support/access-events';
import { describePostgres, throwawayDatabase } from '../support/postgres';
import { databaseRefusal } from '../support/database-refusal';

const OPENERS = SUBGRAPHS.map(
  (module) => [module.name, (location: DatabaseLocation) => openSubgraphDatabase(module as never, location)] as const,
);

/** The migrations each subgraph's database gets: the kit's (its access log) first, then its own. */
const MIGRATIONS: Record<string, string[]> = {
  plan: [
    'kit/20261122000000_access_log',
    'kit/20261128000000_identity_category',
    '20261122000000_init',
    '20261122000100_guards',
    '20261128000000_the_one_plan',
    '20261128010000_consent_provenance',
  ],
  employment: [
    'kit/20261122000000_access_log',
    'kit/20261128000000_identity_category',
    '20261122000000_init',
    '20261128000000_efforts_under_goals',
    '20261128020000_effort_registered_by',
    '20261128020100_job_readiness_history',
  ],
  social: [
    'kit/20261122000000_access_log',
    'kit/20261128000000_identity_category',
    '20261122000000_init',
    '20261128000000_efforts_under_goals',
    '20261128020000_effort_registered_by',
  ],
  health: [
    'kit/20261122000000_access_log',
    'kit/20261128000000_identity_category',
    '20261122000000_init',
    '20261128000000_efforts_under_goals',
    '20261128020000_effort_registered_by',
  ],
};

const INSERT_ACCESS_EVENT = `INSERT INTO "AccessEvent" ("citizenId", "actorSub", "actorName", "actorRole", "actorDepartment", "category", "purpose", "decision", "source")
  VALUES ($1::uuid, 'cw-1', 'Caseworker', 'caseworker', 'HEALTH', 'HEALTH_SERVICES', 'Own department case work', 'ALLOWED', 'HEALTH')`;

const CITIZEN = '00000000-0000-4000-8000-000000000001';

type Target = () => Promise<{ databaseUrl?: string; dataDir: string; dispose(): Promise<void> }>;

/** Runs a suite on a fresh PGlite directory and, where a server runs, on a throwaway PostgreSQL database. */
function onEachDatabase(label: string, suite: (kind: 'pglite' | 'postgresql', target: Target, describe?: jest.Describe) => void) {
  suite('pglite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oneplan-pglite-'));
    return { dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  });
  suite(
    'postgresql',
    async () => {
      const database = await throwawayDatabase(label);
      return { databaseUrl: database.url, dataDir: 'unused', dispose: database.drop };
    },
    describePostgres,
  );
}

/** The same data-layer checks on each kind of database. */
function dataLayerSuite(kind: 'pglite' | 'postgresql', target: Target, suite: jest.Describe = describe) {
  suite.each(OPENERS)(`the %s database on ${kind}`, (name, open) => {
    it('is created and migrated on first open, and left alone on the next', async () => {
      const where = await target();
      try {
        const first = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
        expect(first.kind).toBe(kind);
        expect(first.appliedMigrations).toEqual(MIGRATIONS[name]);
        const recorded = await first.prisma.$queryRawUnsafe('SELECT name FROM "_oneplan_migrations" ORDER BY name');
        expect(recorded).toEqual([...MIGRATIONS[name]!].sort().map((migration) => ({ name: migration })));
        await first.prisma.$executeRawUnsafe(INSERT_ACCESS_EVENT, CITIZEN);
        await first.close();

        const second = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
        expect(second.appliedMigrations).toEqual([]);
        expect(await accessEventsOf(second.prisma, CITIZEN)).toHaveLength(1);
        await second.close();
      } finally {
        await where.dispose();
      }
    });

    it('keeps the access log append-only', async () => {
      const where = await target();
      const db = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
      try {
        await db.prisma.$executeRawUnsafe(INSERT_ACCESS_EVENT, CITIZEN);
        for (const change of [
          `UPDATE "AccessEvent" SET "decision" = 'DENIED'`,
          'DELETE FROM "AccessEvent"',
          'TRUNCATE "AccessEvent"',
        ]) {
          expect(await databaseRefusal(db.prisma.$executeRawUnsafe(change))).toBe('the access log is append-only');
        }
        expect((await accessEventsOf(db.prisma, CITIZEN)).map((event) => event.decision)).toEqual(['ALLOWED']);
      } finally {
        await db.close();
        await where.dispose();
      }
    });
  });
}

onEachDatabase('data', dataLayerSuite);

describe('a changed migration', () => {
  it('stops start-up instead of rewriting history', async () => {
    const migrations = mkdtempSync(join(tmpdir(), 'oneplan-migrations-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'oneplan-pglite-'));
    const subject = SUBGRAPHS[SUBGRAPHS.length - 1]!;
    cpSync(subject.migrationsDir, migrations, { recursive: true });
    const open = () =>
      openDatabase({
        dataDir,
        migrations: [{ dir: KIT_MIGRATIONS_DIR, prefix: 'kit/' }, { dir: migrations }],
        createClient: subject.createClient as never,
      });
    try {
      await (await open()).close();
      appendFileSync(join(migrations, '20261122000000_init', 'migration.sql'), '\n-- edited\n');
      await expect(open()).rejects.toThrow('migration 20261122000000_init was changed after it was applied');
    } finally {
      rmSync(migrations, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A database made before identity reads were logged, opened by the release that logs them. */
/** A copy of a migrations folder without the named migrations: the release before them. */
function migrationsBefore(dir: string, later: readonly string[]): string {
  const before = mkdtempSync(join(tmpdir(), 'oneplan-migrations-before-'));
  cpSync(dir, before, { recursive: true });
  for (const name of later) rmSync(join(before, name), { recursive: true });
  return before;
}

/** Opens a subgraph's database at `where` with the kit's and its own migrations taken from the given folders. */
function openWith(
  where: { databaseUrl?: string; dataDir: string },
  subject: (typeof SUBGRAPHS)[number],
  folders: { kit: string; own: string },
) {
  return openDatabase({
    url: where.databaseUrl,
    dataDir: where.dataDir,
    migrations: [{ dir: folders.kit, prefix: 'kit/' }, { dir: folders.own }],
    createClient: subject.createClient as never,
  });
}

function identityUpgradeSuite(kind: 'pglite' | 'postgresql', target: Target, suite: jest.Describe = describe) {
  suite(`a ${kind} database made before identity reads were logged`, () => {
    it('gains IDENTITY in its access log on the next start, keeping every record', async () => {
      const where = await target();
      const kitBefore = migrationsBefore(KIT_MIGRATIONS_DIR, ['20261128000000_identity_category']);
      const subject = SUBGRAPHS[SUBGRAPHS.length - 1]!;
      const open = (kit: string) => openWith(where, subject, { kit, own: subject.migrationsDir });
      try {
        const old = await open(kitBefore);
        await old.prisma.$executeRawUnsafe(INSERT_ACCESS_EVENT, CITIZEN);
        await old.close();

        const upgraded = await open(KIT_MIGRATIONS_DIR);
        try {
          expect(upgraded.appliedMigrations).toEqual(['kit/20261128000000_identity_category']);
          await upgraded.prisma.$executeRawUnsafe(INSERT_ACCESS_EVENT.replace("'HEALTH_SERVICES'", "'IDENTITY'"), CITIZEN);
          expect((await accessEventsOf(upgraded.prisma, CITIZEN)).map((event) => event.category)).toEqual([
            'HEALTH_SERVICES',
            'IDENTITY',
          ]);
        } finally {
          await upgraded.close();
        }
      } finally {
        rmSync(kitBefore, { recursive: true, force: true });
        await where.dispose();
      }
    });
  });
}

onEachDatabase('identity', identityUpgradeSuite);

/** A plan database made before the second edition, opened by the release that follows plans up. */
function planUpgradeSuite(kind: 'pglite' | 'postgresql', target: Target, suite: jest.Describe = describe) {
  suite(`a ${kind} plan database made before the second edition`, () => {
    it('keeps every plan and goal, gives each plan its first review three months on and each goal its citizen', async () => {
      const where = await target();
      const plan = subgraphNamed('plan');
      const planBefore = migrationsBefore(plan.migrationsDir, SECOND_EDITION);
      const open = (own: string) => openWith(where, plan, { kit: KIT_MIGRATIONS_DIR, own });
      try {
        const old = await open(planBefore);
        for (const statement of [
          `INSERT INTO "Citizen" ("id", "cpr", "name") VALUES ('${CITIZEN}', '0101901234', 'Old Citizen')`,
          `INSERT INTO "Caseworker" ("id", "name", "department") VALUES ('cw-old', 'Old Caseworker', 'SOCIAL')`,
          `INSERT INTO "Plan" ("id", "citizenId", "coordinatorId", "overallGoal", "startsOn", "endsOn", "updatedAt")
             VALUES ('${OLD_PLAN}', '${CITIZEN}', 'cw-old', 'Work', '2026-01-31', '2027-01-31', now())`,
          `INSERT INTO "Goal" ("id", "planId", "description", "department")
             VALUES ('${OLD_GOAL}', '${OLD_PLAN}', 'Housing', 'SOCIAL')`,
        ]) {
          await old.prisma.$executeRawUnsafe(statement);
        }
        await old.close();

        const upgraded = await open(plan.migrationsDir);
        try {
          expect(upgraded.appliedMigrations).toEqual(SECOND_EDITION);
          const [upgradedPlan] = await upgraded.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT "status"::text AS "status", "nextReviewOn", "replaces"::text[] AS "replaces", "agreedAt" FROM "Plan" WHERE "id" = $1::uuid`,
            OLD_PLAN,
          );
          expect(upgradedPlan).toEqual({
            status: 'ACTIVE',
            nextReviewOn: new Date('2026-04-30T00:00:00Z'),
            replaces: [],
            agreedAt: null,
          });
          const goals = await upgraded.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT "citizenId"::text AS "citizenId" FROM "Goal" WHERE "id" = $1::uuid`,
            OLD_GOAL,
          );
          expect(goals).toEqual([{ citizenId: CITIZEN }]);
        } finally {
          await upgraded.close();
        }
      } finally {
        rmSync(planBefore, { recursive: true, force: true });
        await where.dispose();
      }
    });
  });
}

/** The plan database's migrations of the second edition. */
const SECOND_EDITION = ['20261128000000_the_one_plan', '20261128010000_consent_provenance'];
const OLD_PLAN = '6b1f3c1e-6a0e-4c52-9a55-2f0b8a1d0c01';
const OLD_GOAL = '6b1f3c1e-6a0e-4c52-9a55-2f0b8a1d0c02';

onEachDatabase('plan_upgrade', planUpgradeSuite);

/** A plan database whose consents were recorded before their provenance was, opened by the release that records it. */
function consentUpgradeSuite(kind: 'pglite' | 'postgresql', target: Target, suite: jest.Describe = describe) {
  suite(`a ${kind} plan database made before consent provenance`, () => {
    it('keeps every consent, written as IN_WRITING by its recorder on "recorded before provenance", each recorder a caseworker', async () => {
      const where = await target();
      const plan = subgraphNamed('plan');
      const planBefore = migrationsBefore(plan.migrationsDir, ['20261128010000_consent_provenance']);
      const open = (own: string) => openWith(where, plan, { kit: KIT_MIGRATIONS_DIR, own });
      const consent = (id: string, recordedBy: string, revokedAt: string) =>
        `INSERT INTO "Consent" ("id", "citizenId", "categories", "recipients", "purpose", "validUntil", "revokedAt", "recordedBy")
           VALUES ('${id}', '${CITIZEN}', ARRAY['PLAN'], ARRAY['HEALTH'], 'Joint plan', '2027-06-01', ${revokedAt}, '${recordedBy}')`;
      try {
        const old = await open(planBefore);
        for (const statement of [
          `INSERT INTO "Citizen" ("id", "cpr", "name") VALUES ('${CITIZEN}', '0101901234', 'Old Citizen')`,
          // A coordinator, known as a caseworker; one the access log saw look the citizen up; one no record names.
          `INSERT INTO "Caseworker" ("id", "name", "department") VALUES ('cw-coordinator', 'Old Coordinator', 'SOCIAL')`,
          INSERT_ACCESS_EVENT.replace("'cw-1', 'Caseworker'", "'cw-logged', 'Logged Caseworker'"),
          consent(OLD_CONSENTS[0], 'cw-coordinator', 'NULL'),
          consent(OLD_CONSENTS[1], 'cw-logged', "'2026-12-01'"),
          consent(OLD_CONSENTS[2], 'cw-unseen', 'NULL'),
        ]) {
          await old.prisma.$executeRawUnsafe(statement, ...(statement.includes('$1') ? [CITIZEN] : []));
        }
        await old.close();

        const upgraded = await open(plan.migrationsDir);
        try {
          expect(upgraded.appliedMigrations).toEqual(['20261128010000_consent_provenance']);
          const consents = await upgraded.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT "Consent"."id"::text AS "id", "method"::text AS "method", "evidence", "revokedBy",
                    "Caseworker"."name" AS "recorder", "Caseworker"."department"::text AS "department"
             FROM "Consent" JOIN "Caseworker" ON "Caseworker"."id" = "Consent"."recordedById" ORDER BY "Consent"."id"`,
          );
          const upgradedAs = (id: string, recorder: string, department: string, revokedBy: string | null) => ({
            id,
            method: 'IN_WRITING',
            evidence: 'recorded before provenance',
            recorder,
            department,
            revokedBy,
          });
          expect(consents).toEqual([
            upgradedAs(OLD_CONSENTS[0], 'Old Coordinator', 'SOCIAL', null),
            upgradedAs(OLD_CONSENTS[1], 'Logged Caseworker', 'HEALTH', 'unknown (revoked before provenance)'),
            upgradedAs(OLD_CONSENTS[2], 'cw-unseen', 'COORDINATION', null),
          ]);
          // From now on a consent without its provenance cannot be written.
          const refused = await databaseRefusal(
            upgraded.prisma.$executeRawUnsafe(
              `INSERT INTO "Consent" ("id", "citizenId", "categories", "recipients", "purpose", "validUntil", "method", "recordedById")
                 VALUES (gen_random_uuid(), $1::uuid, ARRAY['PLAN'], ARRAY['HEALTH'], 'Joint plan', '2027-06-01', 'IN_MEETING', 'cw-coordinator')`,
              CITIZEN,
            ),
          );
          expect(refused).toMatch(/Consent_provenance_check/);
        } finally {
          await upgraded.close();
        }
      } finally {
        rmSync(planBefore, { recursive: true, force: true });
        await where.dispose();
      }
    });
  });
}

const OLD_CONSENTS = [
  '6b1f3c1e-6a0e-4c52-9a55-2f0b8a1d0c11',
  '6b1f3c1e-6a0e-4c52-9a55-2f0b8a1d0c12',
  '6b1f3c1e-6a0e-4c52-9a55-2f0b8a1d0c13',
] as const;

onEachDatabase('consent_upgrade', consentUpgradeSuite);

/** An employment database made before the outcomes, opened by the release that keeps job readiness's history. */
function readinessUpgradeSuite(kind: 'pglite' | 'postgresql', target: Target, suite: jest.Describe = describe) {
  suite(`a ${kind} employment database made before the job-readiness history`, () => {
    it("starts each citizen's history with their status as it stood", async () => {
      const where = await target();
      const employment = subgraphNamed('employment');
      const later = ['20261128020000_effort_registered_by', '20261128020100_job_readiness_history'];
      const before = migrationsBefore(employment.migrationsDir, later);
      const open = (own: string) => openWith(where, employment, { kit: KIT_MIGRATIONS_DIR, own });
      try {
        const old = await open(before);
        await old.prisma.$executeRawUnsafe(
          `INSERT INTO "EmploymentStatus" ("citizenId", "targetGroup", "jobReadiness", "updatedAt")
           VALUES ($1::uuid, 'Kontanthjælpsmodtager', 'ACTIVITY_READY', '2026-03-04T10:00:00Z')`,
          CITIZEN,
        );
        await old.close();

        const upgraded = await open(employment.migrationsDir);
        try {
          expect(upgraded.appliedMigrations).toEqual(later);
          const history = await upgraded.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
            `SELECT "citizenId"::text AS "citizenId", "jobReadiness"::text AS "jobReadiness",
                    to_char("changedOn", 'YYYY-MM-DD') AS "changedOn", "registeredBy" FROM "JobReadinessChange"`,
          );
          expect(history).toEqual([
            { citizenId: CITIZEN, jobReadiness: 'ACTIVITY_READY', changedOn: '2026-03-04', registeredBy: null },
          ]);
        } finally {
          await upgraded.close();
        }
      } finally {
        rmSync(before, { recursive: true, force: true });
        await where.dispose();
      }
    });
  });
}

onEachDatabase('readiness_upgrade', readinessUpgradeSuite);
