import { demoCitizen, type DemoCitizen, type SubgraphConfig } from '@oneplan/kit';
import { discardLeftovers } from './leftovers';
import { recordsWritten, type TableCounts } from './records';
import { openStore, type DepartmentName, type Store, type SubgraphName } from './stores';

/** What the seed asks of one subgraph's database; `from`/`to` are cohort indexes, `to` exclusive. */
export type SeedOperation =
  | { op: 'write'; from: number; to: number }
  | { op: 'count' }
  | { op: 'discard-leftovers'; planned: number }
  | { op: 'close' };

/** One subgraph's database, wherever it is open: on this thread or in a worker (see subgraph-writer.ts). */
export interface CohortWriter {
  readonly name: SubgraphName;
  /** Writes cohort citizens [from, to); resolves to the rows written, by table. */
  write(from: number, to: number): Promise<TableCounts>;
  /** Plan only: the citizens it holds, which is where the cohort resumes. */
  countCitizens(): Promise<number>;
  /** Departments only: deletes their records of citizens the plan does not hold yet (see leftovers.ts). */
  discardLeftovers(planned: number): Promise<number>;
  close(): Promise<void>;
}

// Citizens are a pure function of their index; the departments on one thread write the same chunk one
// after another, so they build it once.
let lastChunk: { from: number; to: number; citizens: DemoCitizen[] } | undefined;

function citizensOf(from: number, to: number): DemoCitizen[] {
  if (lastChunk?.from !== from || lastChunk.to !== to) {
    lastChunk = { from, to, citizens: Array.from({ length: to - from }, (_, i) => demoCitizen(from + i)) };
  }
  return lastChunk.citizens;
}

/** Carries out one operation on a subgraph's store; the worker and the in-thread writer share it. */
export async function perform(name: SubgraphName, store: Store, operation: SeedOperation): Promise<unknown> {
  switch (operation.op) {
    case 'write': {
      const citizens = citizensOf(operation.from, operation.to);
      await store.write(citizens);
      return recordsWritten(name, citizens);
    }
    case 'count':
      return store.countCitizens!();
    case 'discard-leftovers':
      return discardLeftovers(name as DepartmentName, store, operation.planned);
    case 'close':
      return store.close();
  }
}

/** Opens a subgraph's database on this thread. */
export async function openInThread(name: SubgraphName, config: SubgraphConfig): Promise<CohortWriter> {
  const store = await openStore(name, config);
  return {
    name,
    write: (from, to) => perform(name, store, { op: 'write', from, to }) as Promise<TableCounts>,
    countCitizens: () => perform(name, store, { op: 'count' }) as Promise<number>,
    discardLeftovers: (planned) => perform(name, store, { op: 'discard-leftovers', planned }) as Promise<number>,
    close: () => store.close(),
  };
}
