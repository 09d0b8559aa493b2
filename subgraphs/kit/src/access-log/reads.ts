import DataLoader from 'dataloader';
import { manyByKey } from '../batch';

/** One access-log entry as the graph's `AccessEvent` shows it. */
export interface AccessEventView {
  citizenId: string;
  at: Date;
  actorName: string;
  actorRole: string;
  actorDepartment: string | null;
  category: string;
  purpose: string;
  decision: string;
  source: string;
}

/** The most entries one subgraph hands out per citizen and request. */
export const MAX_ACCESS_LOG = 500;

export interface RawQuery {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

// Every subgraph keeps its log in the kit's "AccessEvent" table (kit/migrations). The
// window function takes each citizen's newest entries in one statement, which
// Prisma's query API cannot express per group.
const NEWEST_PER_CITIZEN = `
  SELECT "citizenId"::text AS "citizenId", "at", "actorName", "actorRole",
         "actorDepartment"::text AS "actorDepartment", "category"::text AS "category",
         "purpose", "decision"::text AS "decision", "source"::text AS "source"
  FROM (
    SELECT e.*, row_number() OVER (PARTITION BY "citizenId" ORDER BY "at" DESC, "id" DESC) AS rank
    FROM "AccessEvent" e
    WHERE "citizenId" = ANY(string_to_array($1, ',')::uuid[])
  ) ranked
  WHERE rank <= $2
  ORDER BY "citizenId", "at" DESC, "id" DESC`;

/** Per-request loader of each citizen's newest access-log entries in this subgraph. */
export function createAccessLogLoader(prisma: RawQuery) {
  return new DataLoader<string, AccessEventView[]>(async (citizenIds) => {
    const rows = await prisma.$queryRawUnsafe<AccessEventView[]>(NEWEST_PER_CITIZEN, citizenIds.join(','), MAX_ACCESS_LOG);
    return manyByKey(citizenIds, rows, (row) => row.citizenId);
  });
}

/** Newest first across every subgraph's log, at most `first`. */
export function mergeAccessLogs(
  logs: readonly (readonly AccessEventView[] | null | undefined)[],
  first: number,
): AccessEventView[] {
  const time = (event: AccessEventView) => new Date(event.at).getTime();
  return logs
    .flatMap((log) => log ?? [])
    .sort((a, b) => time(b) - time(a))
    .slice(0, Math.max(0, Math.min(first, MAX_ACCESS_LOG)));
}
