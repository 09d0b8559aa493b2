import { demoCitizen, type DatabaseLocation, type DemoCitizen, type TableCounts } from '@oneplan/kit';
import { discardLeftovers } from './leftovers';
import { openStore, type Store } from './stores';
import type { SeededSubgraph } from './subgraphs';

/** What the seed asks of one subgraph's database; `from`/`to` are cohort indexes, `to` exclusive. */
export type SeedOperation =
  { op: 'write'; from: number; to: number } | { op: 'count' } | { op: 'discard-leftovers'; held: number } | { op: 'close' };

/** One subgraph's database, wherever it is open: on this thread or in a worker (see subgraph-writer.ts). */
export interface CohortWriter {
  readonly name: string;
  /** Writes cohort citizens [from, to); resolves to the rows written, by table. */
  write(from: number, to: number): Promise<TableCounts>;
  /** The identity-keeping subgraph only: the citizens it holds, which is where the cohort resumes. */
  countCitizens(): Promise<number>;
  /** Departments only: deletes their records of citizens whose identity is not held yet (see leftovers.ts). */
  discardLeftovers(held: number): Promise<number>;
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
export async function perform(store: Store, operation: SeedOperation): Promise<unknown> {
  const { demo } = store.subgraph;
  switch (operation.op) {
    case 'write': {
      const citizens = citizensOf(operation.from, operation.to);
      await demo.write(store.db.prisma, citizens);
      return demo.rowsOf(citizens);
    }
    case 'count':
      return demo.countCitizens!(store.db.prisma);
    case 'discard-leftovers':
      return discardLeftovers(store, operation.held);
    case 'close':
      return store.db.close();
  }
}

/** Opens a subgraph's database on this thread. */
export async function openInThread(subgraph: SeededSubgraph, location: DatabaseLocation): Promise<CohortWriter> {
  const store = await openStore(subgraph, location);
  return {
    name: subgraph.name,
    write: (from, to) => perform(store, { op: 'write', from, to }) as Promise<TableCounts>,
    countCitizens: () => perform(store, { op: 'count' }) as Promise<number>,
    discardLeftovers: (held) => perform(store, { op: 'discard-leftovers', held }) as Promise<number>,
    close: () => store.db.close(),
  };
}
