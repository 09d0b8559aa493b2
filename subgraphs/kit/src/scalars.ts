import { calendarScalars } from '@oneplan/protocol';

/**
 * The contract's `Date` (2026-11-22) and `DateTime` (ISO 8601 with offset), as
 * the gateway checks them too: impossible dates (2026-02-30) and years outside
 * 1900–2200 (0000-01-01) are refused at the boundary, never by the database.
 */
export const scalarResolvers = calendarScalars;

/** Today's date at UTC midnight, as `@db.Date` columns hold it. */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
