import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { types as pgTypes, type CustomTypesConfig, type Pool } from 'pg';
import { statementSpan } from './traced-adapter';

/**
 * The hand-written statements of the hottest paths — the per-request loaders
 * (`selectRows`) and the access log's INSERT — straight on the driver, past
 * Prisma's client: under the overview bench its runtime and WebAssembly query
 * compiler were still a fifth of each subgraph's CPU for statements it had only
 * to pass on. Each statement is still counted and traced as the driver adapter
 * does for Prisma's own, and values come back as Prisma gives them (dates at
 * UTC midnight, 64-bit integers as BigInt), which `test/databases/loader-statements`
 * holds to `findMany` on both databases.
 *
 * It has the two raw methods of a generated client, so it stands in for one
 * wherever only those are used.
 */
export interface DirectSql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const DATE = 1082;
const INT8 = 20;

/** A `date` as Prisma gives it: that day's UTC midnight (node-postgres would take local midnight). */
const utcMidnight = (text: string) => new Date(`${text}T00:00:00.000Z`);

const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE) return utcMidnight;
    if (oid === INT8) return BigInt;
    return pgTypes.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

/** PGlite's own parsers, but 64-bit integers as BigInt whatever their size (Prisma's `BigInt`). */
const PGLITE_PARSERS = { [INT8]: (text: string) => BigInt(text) };

type Run = (query: string, values: unknown[]) => Promise<{ rows: unknown[]; affected: number }>;

function directSql(system: string, run: Run, counted: () => void): DirectSql {
  const traced = (query: string, values: unknown[]) => {
    counted();
    return statementSpan(system, query, () => run(query, values));
  };
  return {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await traced(query, values)).rows as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await traced(query, values)).affected,
  };
}

/** Distinct statements prepared by name; past these, a statement is parsed and planned each time. */
const MAX_PREPARED = 256;

/**
 * The name a statement is prepared under on each connection, so PostgreSQL parses
 * and plans it once per connection rather than on every call. The texts on this
 * path are constants (parameters carry every value, the access log's rows too),
 * so the names are few; the cap is a guard, not a cache. A text whose prepared
 * form went stale is never named again (`unname`).
 */
function statementNames() {
  const names = new Map<string, string | null>();
  return {
    nameOf(text: string): string | undefined {
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED) {
        name = `oneplan_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
        names.set(text, name);
      }
      return name ?? undefined;
    },
    unname(text: string): void {
      names.set(text, null);
    },
  };
}

/**
 * A prepared `SELECT *` whose table changed under it — a new version's migration
 * applied while this process still serves, as a rollout does — fails with this
 * until the connection ends. The statement is then run unprepared, as before.
 */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

export function pgDirectSql(pool: Pool, counted: () => void): DirectSql {
  const { nameOf, unname } = statementNames();
  const query = async (name: string | undefined, text: string, values: unknown[]) => {
    const result = await pool.query({ name, text, values, types: PG_TYPES });
    return { rows: result.rows, affected: result.rowCount ?? 0 };
  };
  return directSql(
    'postgresql',
    async (text, values) => {
      const name = nameOf(text);
      try {
        return await query(name, text, values);
      } catch (error) {
        if (!name || !isStalePlan(error)) throw error;
        unname(text);
        return query(undefined, text, values);
      }
    },
    counted,
  );
}

export function pgliteDirectSql(db: PGlite, counted: () => void): DirectSql {
  return directSql(
    'postgresql',
    async (text, values) => {
      const result = await db.query(text, values, { parsers: PGLITE_PARSERS });
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
    },
    counted,
  );
}

const registered = new WeakMap<object, DirectSql>();

/** Remembers the direct path of the database a client was opened on (openDatabase). */
export function registerDirectSql(client: object, direct: DirectSql): void {
  registered.set(client, direct);
}

/**
 * The direct path of the database `client` was opened on; a client made
 * elsewhere (a test's own) is its own raw path.
 */
export function directSqlOf<C extends DirectSql>(client: C): DirectSql {
  return registered.get(client) ?? client;
}
