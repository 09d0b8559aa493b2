import type { AccessRecord } from './access-log';

export interface RawExecute {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

// Column, and the cast PostgreSQL needs for a text parameter, in table order.
const COLUMNS: readonly [keyof AccessRecord, string][] = [
  ['citizenId', '::uuid'],
  ['actorSub', ''],
  ['actorName', ''],
  ['actorRole', ''],
  ['actorDepartment', '::"Department"'],
  ['category', '::"DataCategory"'],
  ['purpose', ''],
  ['decision', '::"AccessDecision"'],
  ['source', '::"Department"'],
];

const INSERT = `INSERT INTO "AccessEvent" (${COLUMNS.map(([name]) => `"${name}"`).join(', ')}) VALUES `;

/**
 * Appends a batch of access records with one multi-row INSERT. Prisma's
 * createMany wraps the same INSERT in BEGIN/COMMIT: three round trips on every
 * request of every subgraph, which the benchmark showed to be most of what
 * logging costs. One statement is atomic on its own.
 */
export async function appendAccessEvents(prisma: RawExecute, records: readonly AccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  const values: unknown[] = [];
  const rows = records.map(
    (record) =>
      `(${COLUMNS.map(([name, cast]) => {
        values.push(record[name]);
        return `$${values.length}${cast}`;
      }).join(', ')})`,
  );
  await prisma.$executeRawUnsafe(INSERT + rows.join(', '), ...values);
}
