import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, readMigrations } from './migrate';
import { KIT_MIGRATIONS_DIR } from './open';
import { pgliteRunner } from './sql-runner';

const run = promisify(execFile);
const PRISMA_CONFIG = join(__dirname, 'migration-prisma.config.ts');
const EMPTY_MIGRATION = /^\s*(--[^\n]*\n?\s*)*$/;

export class NoSchemaChange extends Error {}

/**
 * `prisma db pull` into the schema file `env.ONEPLAN_MIGRATION_SCHEMA`, through the
 * PGlite adapter of migration-prisma.config.ts. The CLI never disposes the adapter,
 * so the embedded database keeps it from exiting: it is done, and stopped here,
 * once it says it has written the file.
 */
function introspect(prismaBin: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, ['db', 'pull', '--config', PRISMA_CONFIG], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prisma db pull did not finish within two minutes:\n${output}`));
    }, 120_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Introspected \d+ models? and wrote them/.test(output)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prisma db pull failed (${code}):\n${output}`));
    });
  });
}

export interface NewMigration {
  /** The subgraph's folder: `prisma/schema.prisma` and `prisma/migrations/` under it. */
  subgraphDir: string;
  /** The change, in snake_case: `add_review_date`. */
  name: string;
  /** Where the Prisma CLI is (the repository's node_modules/.bin). */
  prismaBin: string;
  /** The environment the Prisma CLI runs in (PATH and the like). */
  env: NodeJS.ProcessEnv;
  now?: Date;
}

/** `2026-11-28T10:05:09Z` → `20261128100509`, later than every existing migration even if a clock is behind. */
function stampAfter(existing: string[], now: Date): string {
  let stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const last = existing
    .map((name) => name.slice(0, 14))
    .sort()
    .at(-1);
  if (last && stamp <= last) stamp = String(BigInt(last) + 1n);
  return stamp;
}

/** The names of the types and tables the kit's migrations create: in every subgraph's database, in no subgraph's schema. */
function kitObjectNames(): Set<string> {
  const sql = readMigrations(KIT_MIGRATIONS_DIR)
    .map((migration) => migration.sql)
    .join('\n');
  return new Set([...sql.matchAll(/CREATE\s+(?:TYPE|TABLE)\s+"(\w+)"/gi)].map((match) => match[1]!));
}

/** The schema file without the kit's models and enums, except those the subgraph declares itself (e.g. `Department`). */
function withoutKitObjects(pulled: string, declared: string): string {
  const ownNames = new Set([...declared.matchAll(/^(?:model|enum)\s+(\w+)/gm)].map((match) => match[1]!));
  const kit = kitObjectNames();
  return pulled.replace(/^(?:model|enum)\s+(\w+)\s*\{[\s\S]*?^\}\n?/gm, (block, name: string) =>
    kit.has(name) && !ownNames.has(name) ? '' : block,
  );
}

/**
 * Writes the next migration of a subgraph: the SQL that brings the schema its
 * committed migrations build to what `prisma/schema.prisma` says now. The "from"
 * side is the migrations themselves, applied to a throwaway embedded PGlite and
 * read back by `prisma db pull`, so it is what production databases really hold,
 * not a guess from git. `prisma migrate diff --from-migrations` would do this in one
 * step, but needs a shadow database URL, which Prisma refuses beside a driver adapter.
 * Throws NoSchemaChange, writing nothing, when the schema has not changed.
 */
export async function newMigration(options: NewMigration): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,79}$/.test(options.name)) {
    throw new Error(`a migration's name is snake_case, e.g. add_review_date: "${options.name}" is not`);
  }
  const schemaPath = join(options.subgraphDir, 'prisma', 'schema.prisma');
  const migrationsDir = join(options.subgraphDir, 'prisma', 'migrations');
  const declared = readFileSync(schemaPath, 'utf8');
  const work = mkdtempSync(join(tmpdir(), 'oneplan-migration-'));
  try {
    const pgliteDir = join(work, 'db');
    const db = await PGlite.create(pgliteDir);
    const committed = readMigrations(migrationsDir);
    try {
      await applyMigrations(pgliteRunner(db), [...readMigrations(KIT_MIGRATIONS_DIR, 'kit/'), ...committed]);
      await db.exec('DROP TABLE "_oneplan_migrations"');
    } finally {
      await db.close();
    }
    // The schema names its URL variable; Prisma's parser wants it set, though the adapter never uses it.
    const urlVariable = /env\("(\w+)"\)/.exec(declared)?.[1];
    const env = {
      ...options.env,
      ...(urlVariable ? { [urlVariable]: options.env[urlVariable] ?? 'postgresql://unused@localhost/unused' } : {}),
      ONEPLAN_MIGRATION_PGLITE_DIR: pgliteDir,
    };
    const previous = join(work, 'previous.prisma');
    writeFileSync(previous, declared);
    await introspect(options.prismaBin, options.subgraphDir, { ...env, ONEPLAN_MIGRATION_SCHEMA: previous });
    writeFileSync(previous, withoutKitObjects(readFileSync(previous, 'utf8'), declared));
    // The subgraph's own Prisma config, as for every other Prisma command: its schema engine opens the adapter's
    // database (the local PostgreSQL unless `<NAME>_DATABASE_URL` says otherwise) even to diff two files.
    const { stdout: sql } = await run(
      options.prismaBin,
      ['migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', schemaPath, '--script'],
      { cwd: options.subgraphDir, env: options.env, maxBuffer: 64 * 1024 * 1024 },
    );
    if (EMPTY_MIGRATION.test(sql)) {
      throw new NoSchemaChange('prisma/schema.prisma has not changed since the last migration: nothing to write');
    }
    const folder = `${stampAfter(
      committed.map((migration) => migration.name),
      options.now ?? new Date(),
    )}_${options.name}`;
    const target = join(migrationsDir, folder);
    if (existsSync(target)) throw new Error(`${target} already exists`);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'migration.sql'), sql);
    return join('prisma', 'migrations', folder, 'migration.sql');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
