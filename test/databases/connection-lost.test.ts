import { directSqlOf, KIT_MIGRATIONS_DIR, openDatabase, type ClientOptions, type Database, type PrismaLike } from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { describePostgres, throwawayDatabase } from '../support/postgres';

/**
 * PostgreSQL may end a subgraph's idle connections at any time — a restart, a
 * failover, an administrator. The pool must drop them and say so, not end the
 * process with an unheard 'error' event, and the next statement must find a new
 * connection, on the direct path and through Prisma alike.
 */
const health = SUBGRAPHS.find((module) => module.name === 'health')!;

describePostgres('a connection PostgreSQL ends while idle', () => {
  let database: Awaited<ReturnType<typeof throwawayDatabase>>;
  let db: Database<PrismaLike>;
  const lost: Error[] = [];

  beforeAll(async () => {
    database = await throwawayDatabase('lost');
    db = await openDatabase({
      url: database.url,
      dataDir: 'memory://',
      migrations: [{ dir: KIT_MIGRATIONS_DIR, prefix: 'kit/' }, { dir: health.migrationsDir }],
      createClient: health.createClient as never as (options: ClientOptions) => PrismaLike,
      onConnectionLost: (error) => lost.push(error),
    });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('is dropped and reported, and the next statements reconnect', async () => {
    const direct = directSqlOf(db.prisma);
    await Promise.all([direct.$queryRawUnsafe('SELECT 1'), db.prisma.$queryRawUnsafe('SELECT 1')]);

    expect(await database.endConnections()).toBeGreaterThanOrEqual(2);
    // The server's message reaches the idle connection a moment after the terminating call returns.
    for (let waited = 0; lost.length === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));

    expect(lost.length).toBeGreaterThan(0);
    expect(lost.map((error) => (error as Error & { code?: string }).code)).toContain('57P01');
    await expect(direct.$queryRawUnsafe('SELECT 2 AS two')).resolves.toEqual([{ two: 2 }]);
    await expect(db.prisma.$queryRawUnsafe('SELECT 3 AS three')).resolves.toEqual([{ three: 3 }]);
  });
});
