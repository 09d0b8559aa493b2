import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/**
 * The contract's `Date` (2026-11-22) and `DateTime` (ISO 8601 with offset).
 * graphql-scalars refuses impossible dates such as 2026-02-30 at the boundary.
 */
export const scalarResolvers = { Date: DateResolver, DateTime: DateTimeResolver };

/** Today's date at UTC midnight, as `@db.Date` columns hold it. */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
