import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@oneplan/kit';
import * as plan from '@oneplan/plan';
import * as employment from '@oneplan/employment';
import * as social from '@oneplan/social';
import * as health from '@oneplan/health';
import { PrismaClient } from '../../subgraphs/social/generated/prisma';
import { describePostgres, throwawayDatabase } from '../support/postgres';

type Opener = (config: { databaseUrl: string | undefined; dataDir: string }) => Promise<{
  kind: string;
  appliedMigrations: string[];
  prisma: any;
  close(): Promise<void>;
}>;

const SUBGRAPHS: [string, Opener][] = [
  ['plan', plan.openPlanDatabase],
  ['employment', employment.openEmploymentDatabase],
  ['social', social.openSocialDatabase],
  ['health', health.openHealthDatabase],
];

const ACCESS_EVENT = {
  citizenId: '00000000-0000-4000-8000-000000000001',
  actorSub: 'cw-1',
  actorName: 'Caseworker',
  actorRole: 'caseworker',
  actorDepartment: 'HEALTH',
  category: 'HEALTH_SERVICES',
  purpose: 'Own department case work',
  decision: 'ALLOWED',
  source: 'HEALTH',
} as const;

/** The same data-layer checks on each kind of database. */
function dataLayerSuite(
  kind: 'pglite' | 'postgresql',
  target: () => Promise<{ databaseUrl?: string; dataDir: string; dispose(): Promise<void> }>,
  suite: jest.Describe = describe,
) {
  suite.each(SUBGRAPHS)(`the %s database on ${kind}`, (_name, open) => {
    it('is created and migrated on first open, and left alone on the next', async () => {
      const where = await target();
      try {
        const first = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
        expect(first.kind).toBe(kind);
        expect(first.appliedMigrations).toEqual(['20261122000000_init', '20261122000100_guards']);
        const recorded = await first.prisma.$queryRawUnsafe('SELECT name FROM "_oneplan_migrations" ORDER BY name');
        expect(recorded).toEqual([{ name: '20261122000000_init' }, { name: '20261122000100_guards' }]);
        await first.prisma.accessEvent.create({ data: ACCESS_EVENT });
        await first.close();

        const second = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
        expect(second.appliedMigrations).toEqual([]);
        expect(await second.prisma.accessEvent.count()).toBe(1);
        await second.close();
      } finally {
        await where.dispose();
      }
    });

    it('keeps the access log append-only', async () => {
      const where = await target();
      const db = await open({ databaseUrl: where.databaseUrl, dataDir: where.dataDir });
      try {
        await db.prisma.accessEvent.create({ data: ACCESS_EVENT });
        await expect(db.prisma.accessEvent.updateMany({ data: { decision: 'DENIED' } })).rejects.toThrow(/append-only/);
        await expect(db.prisma.accessEvent.deleteMany({})).rejects.toThrow(/append-only/);
        expect(await db.prisma.accessEvent.findMany({ select: { decision: true } })).toEqual([{ decision: 'ALLOWED' }]);
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
    cpSync(join(__dirname, '../../subgraphs/social/prisma/migrations'), migrations, { recursive: true });
    const open = () => openDatabase({ dataDir, migrationsDir: migrations, createClient: (options) => new PrismaClient(options) });
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
