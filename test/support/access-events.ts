import type { PrismaLike } from '@oneplan/kit';

/** One row of a subgraph's access log, every column, as the kit's migration defines the table. */
export interface AccessEventRow {
  id: bigint;
  at: Date;
  citizenId: string;
  actorSub: string;
  actorName: string;
  actorRole: string;
  actorDepartment: string | null;
  category: string;
  purpose: string;
  decision: 'ALLOWED' | 'DENIED';
  source: string;
}

const EVERY_COLUMN = `SELECT "id", "at", "citizenId"::text AS "citizenId", "actorSub", "actorName", "actorRole",
            "actorDepartment"::text AS "actorDepartment", "category"::text AS "category", "purpose",
            "decision"::text AS "decision", "source"::text AS "source"
     FROM "AccessEvent"`;

/** Every access-log row a subgraph's database holds about one citizen, oldest first. */
export function accessEventsOf(prisma: PrismaLike, citizenId: string): Promise<AccessEventRow[]> {
  return prisma.$queryRawUnsafe<AccessEventRow[]>(`${EVERY_COLUMN} WHERE "citizenId" = $1::uuid ORDER BY "id"`, citizenId);
}

/** Every access-log row a subgraph's database holds of one actor's reads and denials, oldest first. */
export function accessEventsBy(prisma: PrismaLike, actorSub: string): Promise<AccessEventRow[]> {
  return prisma.$queryRawUnsafe<AccessEventRow[]>(`${EVERY_COLUMN} WHERE "actorSub" = $1 ORDER BY "id"`, actorSub);
}
