import type { Department } from '@oneplan/protocol';
import type { AccessEventView, RawQuery } from './reads';
import { sourceRank, type AccessLogFilter, type AccessLogWindow, type LogPosition } from './window';

/** An access-log entry with its place in the merged log. */
export interface PositionedAccessEvent extends AccessEventView {
  sequence: string;
}

/** One subgraph's part of a page: its entries after the cursor (up to `first + 1`) and how many match the filter in all. */
export interface AccessLogPart {
  events: PositionedAccessEvent[];
  total: number;
}

// One statement: the matching entries are counted and the page after the cursor
// taken from the same filtered set. Entries of the same millisecond are ordered
// by source rank, then by id, so the cursor condition compares (at, rank, id).
const PAGE = `
  WITH matching AS (
    SELECT * FROM "AccessEvent"
    WHERE "citizenId" = $1::uuid
      AND ($2::timestamptz IS NULL OR "at" >= $2::timestamptz)
      AND ($3::timestamptz IS NULL OR "at" < $3::timestamptz)
      AND ($4::text IS NULL OR "decision"::text = $4::text)
      AND ($5::text IS NULL OR "category"::text = $5::text)
  ), page AS (
    SELECT "id"::text AS "sequence", "citizenId"::text AS "citizenId", "at", "actorName", "actorRole",
           "actorDepartment"::text AS "actorDepartment", "category"::text AS "category",
           "purpose", "decision"::text AS "decision", "source"::text AS "source"
    FROM matching
    WHERE $6::timestamptz IS NULL
       OR "at" < $6::timestamptz
       OR ("at" = $6::timestamptz AND ($7::int < $8::int OR ($7::int = $8::int AND "id" < $9::bigint)))
    ORDER BY "at" DESC, "id" DESC
    LIMIT $10::int
  )
  SELECT (SELECT count(*) FROM matching)::int AS "total",
         COALESCE((SELECT json_agg(page ORDER BY "at" DESC, "sequence"::bigint DESC) FROM page), '[]'::json) AS "events"`;

/** This subgraph's part of one page of a citizen's access log (its own source, one statement). */
export async function readAccessLogPart(prisma: RawQuery, source: Department, window: AccessLogWindow): Promise<AccessLogPart> {
  const after = window.after;
  const [row] = await prisma.$queryRawUnsafe<{ total: number; events: (Omit<PositionedAccessEvent, 'at'> & { at: string })[] }[]>(
    PAGE,
    window.citizenId,
    window.since?.toISOString() ?? null,
    window.until?.toISOString() ?? null,
    window.decision,
    window.category,
    after?.at.toISOString() ?? null,
    sourceRank(source),
    after ? sourceRank(after.source) : 0,
    after?.sequence ?? '0',
    window.first + 1,
  );
  const events = (row?.events ?? []).map((event) => ({ ...event, at: new Date(event.at) }));
  return { events, total: Number(row?.total ?? 0) };
}

const positionOf = (event: PositionedAccessEvent): LogPosition => ({
  at: new Date(event.at),
  source: event.source as Department,
  sequence: event.sequence,
});

/** Newest first; among equal times, the higher source rank and then the higher sequence first. */
function newerFirst(a: PositionedAccessEvent, b: PositionedAccessEvent): number {
  const byTime = new Date(b.at).getTime() - new Date(a.at).getTime();
  if (byTime !== 0) return byTime;
  const byRank = sourceRank(b.source as Department) - sourceRank(a.source as Department);
  if (byRank !== 0) return byRank;
  return BigInt(b.sequence) > BigInt(a.sequence) ? 1 : BigInt(b.sequence) < BigInt(a.sequence) ? -1 : 0;
}

/** One page of the whole log from every subgraph's part: the first `first` entries, whether more follow, and the total. */
export function mergeAccessLogParts(parts: readonly AccessLogPart[], first: number) {
  const merged = parts.flatMap((part) => part.events).sort(newerFirst);
  const page = merged.slice(0, first);
  return {
    entries: page.map((event) => ({ event, position: positionOf(event) })),
    hasNextPage: merged.length > first,
    totalCount: parts.reduce((sum, part) => sum + part.total, 0),
  };
}

/** Whether an entry passes a filter (for the newest entries each subgraph hands `accessLog`). */
export function matchesFilter(event: AccessEventView, filter: AccessLogFilter): boolean {
  const at = new Date(event.at).getTime();
  return (
    (!filter.since || at >= filter.since.getTime()) &&
    (!filter.until || at < filter.until.getTime()) &&
    (!filter.decision || event.decision === filter.decision) &&
    (!filter.category || event.category === filter.category)
  );
}
