import type { DemoCitizen } from './cohort';

/** Rows written, by table. */
export type TableCounts = Record<string, number>;

/**
 * A subgraph's part of the deterministic demo cohort. The kit seeds the first
 * start from it, `npm run seed` tops a cohort up to any size with it, and every
 * subgraph's part agrees with the others' because each is a pure function of
 * the same `DemoCitizen`.
 */
export interface SubgraphDemo<P> {
  /** Writes this subgraph's part of a chunk of citizens, in one transaction. */
  write(prisma: P, citizens: readonly DemoCitizen[]): Promise<void>;
  /** The rows `write` writes for these citizens, by table. */
  rowsOf(citizens: readonly DemoCitizen[]): TableCounts;
  /** Whether the database holds nothing of this subgraph's yet: only then is the demo seeded at start-up. */
  isEmpty(prisma: P): Promise<boolean>;
  /** The subgraph that keeps citizens' identity: how many it holds, which is where a seed resumes. */
  countCitizens?(prisma: P): Promise<number>;
  /** The others: whether they hold any record of this citizen. */
  holdsRecordsOf?(prisma: P, citizenId: string): Promise<boolean>;
  /** The others: deletes their records of these citizens; returns the rows deleted. */
  discard?(prisma: P, citizenIds: readonly string[]): Promise<number>;
}
