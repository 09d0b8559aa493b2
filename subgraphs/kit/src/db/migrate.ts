import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlRunner } from './sql-runner';

/** A migration as Prisma lays it out: `migrations/<stamp>_<name>/migration.sql`. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * The migrations in a folder, in order, each recorded as `<prefix><folder>`
 * (the kit's as `kit/…`, so they never collide with a subgraph's).
 */
export function readMigrations(migrationsDir: string, prefix = ''): Migration[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name: prefix + name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations not yet applied, all in one transaction, and records each
 * in `_oneplan_migrations`. `prisma migrate deploy` cannot run through a driver
 * adapter (prisma/prisma#27403), so the project applies Prisma's SQL itself.
 * An advisory lock lets several processes start against one PostgreSQL at once.
 * A changed, already-applied migration stops start-up: history is never rewritten.
 */
export async function applyMigrations(runner: SqlRunner, migrations: Migration[]): Promise<string[]> {
  return runner.transaction(async (tx) => {
    await tx.rows('SELECT pg_advisory_xact_lock(4711001)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS "_oneplan_migrations" (
      name TEXT PRIMARY KEY,
      checksum TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (await tx.rows<{ name: string; checksum: string }>('SELECT name, checksum FROM "_oneplan_migrations"')).map((row) => [
        row.name,
        row.checksum,
      ]),
    );
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum === migration.checksum) continue;
      if (checksum !== undefined) {
        throw new Error(
          `migration ${migration.name} was changed after it was applied; ` +
            'a development database made before this release can be deleted (it is seeded again)',
        );
      }
      await tx.exec(migration.sql);
      await tx.rows('INSERT INTO "_oneplan_migrations" (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  });
}
