import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { pgDirectSql, pgliteDirectSql, registerDirectSql, type DirectSql } from './direct-sql';
import { applyMigrations, readMigrations } from './migrate';
import { pgliteRunner, pgRunner, type SqlRunner } from './sql-runner';
import { tracedAdapter } from './traced-adapter';

/** What a generated PrismaClient constructor needs from us. */
export interface ClientOptions {
  adapter: SqlDriverAdapterFactory;
  log: [{ emit: 'event'; level: 'query' }];
}

/** The part of a generated PrismaClient the kit uses; every subgraph's client has it. */
export interface PrismaLike {
  $on(event: 'query', listener: () => void): void;
  $disconnect(): Promise<void>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface DatabaseOptions<P extends PrismaLike> {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  dataDir: string;
  /** Applied in this order: the kit's own, then the subgraph's. */
  migrations: readonly { dir: string; prefix?: string }[];
  createClient: (options: ClientOptions) => P;
  /** Told when PostgreSQL ends a pooled connection that was idle (a restart, a failover, a dropped database). */
  onConnectionLost?: (error: Error) => void;
}

export interface Database<P> {
  prisma: P;
  kind: 'pglite' | 'postgresql';
  /** SQL statements run since start: what the no-N+1 tests and the benchmark count. */
  statementCount(): number;
  /** Migrations applied by this start-up (empty when the schema was current). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

/**
 * Opens a subgraph's own database — PostgreSQL when a URL is configured, else an
 * embedded PGlite directory — and brings its schema up to date before anything
 * else may touch it.
 */
export async function openDatabase<P extends PrismaLike>(options: DatabaseOptions<P>): Promise<Database<P>> {
  const migrations = options.migrations.flatMap(({ dir, prefix }) => readMigrations(dir, prefix));
  let runner: SqlRunner;
  let adapter: SqlDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  let kind: Database<P>['kind'];
  let statements = 0;
  const counted = () => {
    statements += 1;
  };
  let direct: DirectSql;

  if (options.url) {
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // pg-pool drops an idle connection the server ends and emits its error on the
    // pool, where an unheard 'error' would end the process; the next statement
    // simply opens a new connection. Prisma's adapter listens on its own pool.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    runner = pgRunner(pool);
    direct = pgDirectSql(pool, counted);
    adapter = new PrismaPg({ connectionString: options.url, max: 10 });
    closeDriver = () => pool.end();
    kind = 'postgresql';
  } else {
    if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
    const pglite = await PGlite.create(options.dataDir);
    runner = pgliteRunner(pglite);
    direct = pgliteDirectSql(pglite, counted);
    // pglite-prisma-adapter is typed against an older driver-adapter-utils; the
    // interface is the same at run time (the PGlite data-layer tests prove it).
    adapter = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
    closeDriver = () => pglite.close();
    kind = 'pglite';
  }

  let appliedMigrations: string[];
  try {
    appliedMigrations = await applyMigrations(runner, migrations);
  } catch (error) {
    await closeDriver();
    throw error;
  }

  const prisma = options.createClient({
    adapter: tracedAdapter(adapter, 'postgresql'),
    log: [{ emit: 'event', level: 'query' }],
  });
  prisma.$on('query', counted);
  registerDirectSql(prisma, direct);

  return {
    prisma,
    kind,
    appliedMigrations,
    statementCount: () => statements,
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
