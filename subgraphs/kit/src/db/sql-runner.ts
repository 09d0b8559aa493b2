import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * The few raw-SQL operations start-up needs (migrations), over either driver.
 * Prisma's own migration engine cannot run here (see README, "Migrations").
 */
export interface SqlRunner {
  /** Runs `work` in one transaction; a thrown error rolls it all back. */
  transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T>;
}

export interface SqlTx {
  exec(sql: string): Promise<void>;
  rows<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          rows: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
        }),
      ),
  };
}

export function pgRunner(pool: Pool): SqlRunner {
  return {
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          exec: async (sql) => {
            await client.query(sql);
          },
          rows: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
