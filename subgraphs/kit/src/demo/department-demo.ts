import type { PrismaLike } from '../db/database';
import type { DemoCitizen } from './cohort';
import type { SubgraphDemo, TableCounts } from './subgraph-demo';

/** What the kit needs of one Prisma model (`prisma.healthService`, …) to seed and clear demo rows. */
export interface DemoRowTable {
  createMany(args: { data: never[] }): PromiseLike<unknown>;
  count(args?: { where: { citizenId: string } }): PromiseLike<number>;
  deleteMany(args: { where: { citizenId: { in: string[] } } }): PromiseLike<{ count: number }>;
}

/** One table of a department's demo records: its model, and its rows in one citizen's part. */
export interface DemoTableSpec<P, Part> {
  model: (prisma: P) => DemoRowTable;
  rows: (part: Part) => readonly object[];
}

/**
 * A department's part of the demo cohort from its generator and its tables: every
 * table is written in one transaction, counted, probed and cleared the same way,
 * each row carrying the citizen's id.
 */
export function departmentDemo<P extends PrismaLike & { $transaction(work: PromiseLike<unknown>[]): Promise<unknown> }, Part>(
  generate: (citizen: DemoCitizen) => Part,
  tables: Readonly<Record<string, DemoTableSpec<P, Part>>>,
): SubgraphDemo<P> {
  const specs = Object.entries(tables);
  const count = async (prisma: P, where?: { citizenId: string }) =>
    (await Promise.all(specs.map(([, table]) => table.model(prisma).count(where && { where })))).reduce((sum, n) => sum + n, 0);
  return {
    async write(prisma, citizens) {
      const parts = citizens.map((citizen) => ({ citizenId: citizen.id, part: generate(citizen) }));
      await prisma.$transaction(
        specs.map(([, table]) =>
          table.model(prisma).createMany({
            data: parts.flatMap(({ citizenId, part }) => table.rows(part).map((row) => ({ ...row, citizenId }))) as never[],
          }),
        ),
      );
    },
    rowsOf(citizens) {
      const parts = citizens.map(generate);
      return Object.fromEntries(
        specs.map(([name, table]) => [name, parts.reduce((sum, part) => sum + table.rows(part).length, 0)]),
      ) as TableCounts;
    },
    isEmpty: async (prisma) => (await count(prisma)) === 0,
    holdsRecordsOf: async (prisma, citizenId) => (await count(prisma, { citizenId })) > 0,
    async discard(prisma, citizenIds) {
      const where = { citizenId: { in: [...citizenIds] } };
      const deleted = (await prisma.$transaction(specs.map(([, table]) => table.model(prisma).deleteMany({ where })))) as {
        count: number;
      }[];
      return deleted.reduce((sum, { count: n }) => sum + n, 0);
    },
  };
}
