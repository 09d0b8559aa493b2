import type { AccessRecord } from './access-log';

export interface RawExecute {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

// Column and its type, in table order.
const COLUMNS: readonly [keyof AccessRecord, string][] = [
  ['citizenId', 'uuid'],
  ['actorSub', 'text'],
  ['actorName', 'text'],
  ['actorRole', 'text'],
  ['actorDepartment', '"Department"'],
  ['category', '"DataCategory"'],
  ['purpose', 'text'],
  ['decision', '"AccessDecision"'],
  ['source', '"Department"'],
];

const FIELDS: string[] = COLUMNS.map(([name]) => name);
const NAMES = FIELDS.map((name) => `"${name}"`).join(', ');

/**
 * The rows as one JSON parameter, so the statement's text is the same whatever
 * their number: PostgreSQL prepares it once per connection (direct-sql.ts), and
 * the rows keep the order they were given in. (Column arrays through `unnest`
 * would do as well on the direct path, but Prisma's PGlite adapter mangles array
 * parameters, and a write inside a Prisma transaction goes through it.)
 */
const INSERT = `INSERT INTO "AccessEvent" (${NAMES})
  SELECT ${NAMES} FROM ROWS FROM (
    json_to_recordset($1::json) AS (${COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(', ')})
  ) WITH ORDINALITY AS row(${NAMES}, n)
  ORDER BY n`;

/**
 * Appends a batch of access records with one INSERT. Prisma's createMany wraps
 * the same INSERT in BEGIN/COMMIT: three round trips on every request of every
 * subgraph, which the benchmark showed to be most of what logging costs. One
 * statement is atomic on its own.
 */
export async function appendAccessEvents(prisma: RawExecute, records: readonly AccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  // Only the columns' keys; a missing value is NULL to json_to_recordset.
  await prisma.$executeRawUnsafe(INSERT, JSON.stringify(records, FIELDS));
}
