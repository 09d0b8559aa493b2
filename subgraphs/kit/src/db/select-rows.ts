import { directSqlOf, type DirectSql } from './direct-sql';

/**
 * A per-request loader's fetch from a hand-written SELECT whose one parameter `$1`
 * is the loader's keys (`WHERE "citizenId" = ANY($1::uuid[])`): it gives the rows
 * as the model's `findMany` would: every column under its field's name, dates as
 * Dates. The one difference is an array of enum values, which PostgreSQL sends as
 * its text form: such a column is selected with `::text[]`. Each subgraph's test
 * holds its statements to what `findMany` gives, on PGlite and on PostgreSQL.
 *
 * Why not `findMany`: on the hottest reads Prisma's query compiler and result
 * shaping cost about three times the CPU of the statement itself
 * (docs/performance.md). It runs on the database's direct path (direct-sql.ts),
 * counted and traced like every statement.
 */
export function selectRows<R>(prisma: DirectSql, sql: string): (keys: readonly string[]) => Promise<R[]> {
  const direct = directSqlOf(prisma);
  return (keys) => direct.$queryRawUnsafe<R[]>(sql, keys);
}
