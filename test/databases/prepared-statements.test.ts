import { directSqlOf, openSubgraphDatabase, type Database, type PrismaLike } from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { describePostgres, throwawayDatabase } from '../support/postgres';

/**
 * The direct path's statements (the loaders, the access log's INSERT) are
 * prepared by name, so PostgreSQL parses and plans each once per connection:
 * the same text runs again under its prepared name and answers as before.
 */
const health = SUBGRAPHS.find((module) => module.name === 'health')!;
const CITIZEN = '00000000-0000-4000-8000-000000000b01';

describePostgres('statements on the direct path', () => {
  let database: Awaited<ReturnType<typeof throwawayDatabase>>;
  let db: Database<PrismaLike>;

  beforeAll(async () => {
    database = await throwawayDatabase('prepared');
    db = await openSubgraphDatabase(health as never, { databaseUrl: database.url, dataDir: 'memory://' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('are prepared once per connection and answer the same each time', async () => {
    const direct = directSqlOf(db.prisma);
    const statement = 'SELECT $1::uuid AS "citizenId", $2::int + 1 AS "next"';
    // One after another, so the pool hands out the same idle connection each time.
    for (const n of [1, 2, 3]) {
      await expect(direct.$queryRawUnsafe(statement, CITIZEN, n)).resolves.toEqual([{ citizenId: CITIZEN, next: n + 1 }]);
    }
    const prepared = await direct.$queryRawUnsafe<{ name: string }[]>(
      'SELECT name FROM pg_prepared_statements WHERE statement = $1',
      statement,
    );
    expect(prepared).toEqual([{ name: expect.stringMatching(/^oneplan_[0-9a-f]{32}$/) }]);
  });

  it('still answer when a migration changes a table under a prepared SELECT *, as during a rollout', async () => {
    const direct = directSqlOf(db.prisma);
    await direct.$executeRawUnsafe('CREATE TABLE "Probe" (id int PRIMARY KEY, note text)');
    await direct.$executeRawUnsafe(`INSERT INTO "Probe" VALUES (1, 'one')`);
    const read = 'SELECT * FROM "Probe" WHERE id = ANY($1::int[])';
    await expect(direct.$queryRawUnsafe(read, [1])).resolves.toEqual([{ id: 1, note: 'one' }]);
    // The new version's migration, from another connection, while this process serves.
    await database.sql('ALTER TABLE "Probe" ADD COLUMN "reviewedOn" date');
    for (const _ of [1, 2]) {
      await expect(direct.$queryRawUnsafe(read, [1])).resolves.toEqual([{ id: 1, note: 'one', reviewedOn: null }]);
    }
  });
});
