import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import {
  KIT_MIGRATIONS_DIR,
  newMigration,
  NoSchemaChange,
  openDatabase,
  type ClientOptions,
  type PrismaLike,
} from '@oneplan/kit';
import { subgraphNamed } from '../../schema/subgraphs';
import { throwawayDatabase } from '../support/postgres';

/**
 * `npm run migration` as a department uses it: change `schema.prisma`, get the
 * next migration written from the committed ones, and see it apply on both
 * databases. Runs on a copy of the health subgraph's prisma/ folder, so the
 * repository's own migrations are never touched.
 */
const ROOT = join(__dirname, '../..');
const PRISMA = join(ROOT, 'node_modules/.bin/prisma');
const HEALTH = subgraphNamed('health');
const run = promisify(execFile);
/** As describePostgres decides: the global setup turns it on where a server runs (always in CI). */
const POSTGRES = process.env.ONEPLAN_POSTGRES_TESTS === 'on';

let subgraphDir: string;

beforeAll(() => {
  subgraphDir = mkdtempSync(join(tmpdir(), 'oneplan-new-migration-'));
  cpSync(join(dirname(HEALTH.schemaPath), 'prisma'), join(subgraphDir, 'prisma'), { recursive: true });
  writeFileSync(
    join(subgraphDir, 'prisma.config.ts'),
    `import { prismaCliConfig } from '${join(ROOT, 'subgraphs/kit/src/db/prisma-cli')}';\nexport default prismaCliConfig('HEALTH_DATABASE_URL');\n`,
  );
});

afterAll(() => rmSync(subgraphDir, { recursive: true, force: true }));

const migrationFolders = () => readdirSync(join(subgraphDir, 'prisma/migrations')).sort();
const write = (name: string) => newMigration({ subgraphDir, name, prismaBin: PRISMA, env: process.env });

/** The health subgraph's database with the copy's migrations, and whether `HealthService.reviewedOn` is a column of it. */
async function hasReviewedOn(location: { url?: string; dataDir: string }): Promise<boolean> {
  const db = await openDatabase({
    ...location,
    migrations: [{ dir: KIT_MIGRATIONS_DIR, prefix: 'kit/' }, { dir: join(subgraphDir, 'prisma/migrations') }],
    createClient: HEALTH.createClient as never as (options: ClientOptions) => PrismaLike,
  });
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ column_name: string }[]>(
      `SELECT column_name::text FROM information_schema.columns WHERE table_name = 'HealthService' AND column_name::text = 'reviewedOn'`,
    );
    return rows.length === 1;
  } finally {
    await db.close();
  }
}

describe('npm run migration', () => {
  it('refuses, writing nothing, when schema.prisma matches what the migrations build', async () => {
    const before = migrationFolders();

    await expect(write('nothing_changed')).rejects.toThrow(NoSchemaChange);
    expect(migrationFolders()).toEqual(before);
  });

  it('refuses a name that is not snake_case', async () => {
    await expect(write('Add review date')).rejects.toThrow('snake_case');
  });

  it('writes the change as the next migration, which applies on PGlite and PostgreSQL, and then there is nothing left to write', async () => {
    const schema = join(subgraphDir, 'prisma/schema.prisma');
    const declared = readFileSync(schema, 'utf8');
    const changed = declared.replace(/model HealthService \{\n/, 'model HealthService {\n  reviewedOn DateTime?\n');
    expect(changed).not.toBe(declared);
    writeFileSync(schema, changed);
    const before = migrationFolders();

    const written = await write('add_reviewed_on');

    const [added, ...more] = migrationFolders().filter((folder) => !before.includes(folder));
    expect(more).toEqual([]);
    expect(added).toMatch(/^\d{14}_add_reviewed_on$/);
    expect(added! > before.at(-1)!).toBe(true);
    expect(written).toBe(join('prisma/migrations', added!, 'migration.sql'));
    const sql = readFileSync(join(subgraphDir, written), 'utf8');
    expect(sql).toContain('ALTER TABLE "HealthService" ADD COLUMN     "reviewedOn" TIMESTAMP(3);');
    // Nothing else: the kit's tables and types, in every database but no schema file, are not dropped.
    expect(sql).not.toMatch(/DROP|AccessEvent/);

    expect(await hasReviewedOn({ dataDir: 'memory://' })).toBe(true);
    if (POSTGRES) {
      const database = await throwawayDatabase('new_migration');
      try {
        expect(await hasReviewedOn({ url: database.url, dataDir: 'memory://' })).toBe(true);
      } finally {
        await database.drop();
      }
    }
    await expect(write('again')).rejects.toThrow(NoSchemaChange);
  });

  it('is the command a department runs in its subgraph, and says so when there is no change', async () => {
    const result = await run(
      'npm',
      ['run', '-s', 'migration', '-w', relative(ROOT, dirname(HEALTH.schemaPath)), '--', 'nothing_changed'],
      {
        cwd: ROOT,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

    expect(result).toEqual({ code: 1, stderr: expect.stringContaining('has not changed since the last migration') });
  });
});
