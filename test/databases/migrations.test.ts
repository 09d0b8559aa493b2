import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_MIGRATIONS_DIR, openDatabase, openSubgraphDatabase, type DatabaseLocation } from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { accessEventsOf } from '../support/access-events';
import { describePostgres, throwawayDatabase } from '../support/postgres';

const OPENERS = SUBGRAPHS.map(
  (module) => [module.name, (location: DatabaseLocation) => openSubgraphDatabase(module as never, location)] as const,
);

/** The migrations each subgraph's database gets: the kit's access log first, then its own. */
const MIGRATIONS: Record<string, string[]> = {
  plan: ['kit/20261122000000_access_log', '20261122000000_init', '20261122000100_guards'],
  employment: ['kit/20261122000000_access_log', '20261122000000_init'],
  social: ['kit/20261122000000_access_log', '20261122000000_init'],
  health: ['kit/20261122000000_access_log', '20261122000000_init'],
};

const INSERT_ACCESS_EVENT = `INSERT INTO "AccessEvent" ("citizenId", "actorSub", "actorName", "actorRole", "actorDepartment", "category", "purpose", "decision", "source")
  VALUES ($1::uuid, 'cw-1', 'Caseworker', 'caseworker', 'HEALTH', 'HEALTH_SERVICES', 'Own department case work', 'ALLOWED', 'HEALTH')`;

const CITIZEN = '00000000-0000-4000-8000-000000000001';

/** The database's own message for a statement it refused (Prisma wraps it in a driver-adapter error). */
async function databaseRefusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { message?: string } } } }).meta?.driverAdapterError?.cause;
    return cause?.message ?? String(error);
  }
  return 'accepted';
}

/** The same data-layer checks on each kind of database. */
function dataLayerSuite(
  kind: 'pglite' | 'postgresql',
  target: () => Promise<{ databaseUrl?: string; dataDir: string; dispose(): Promise<void> }>,
  suite: jest.Describe = describe,
) {
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

dataLayerSuite('pglite', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'oneplan-pglite-'));
  return { dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
});

dataLayerSuite(
  'postgresql',
  async () => {
    const database = await throwawayDatabase('data');
    return { databaseUrl: database.url, dataDir: 'unused', dispose: database.drop };
  },
  describePostgres,
);

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
