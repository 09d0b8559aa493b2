/** "Today" in the demo municipality, fixed so that generated data is reproducible. */
export const DEMO_REFERENCE_DATE = new Date(Date.UTC(2026, 10, 22));

const DAY_MS = 86_400_000;

/** A date-only value: UTC midnight, as `@db.Date` columns hold it. */
export function daysFromReference(days: number): Date {
  return new Date(DEMO_REFERENCE_DATE.getTime() + days * DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The same day and time `years` later on the calendar (29 February rolls to 1 March). */
export function addYears(date: Date, years: number): Date {
  const moved = new Date(date.getTime());
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved;
}

/**
 * The date, or the Friday before it if it falls on a weekend: the municipality's
 * offices are closed then. Moving back keeps past events in the past.
 */
export function workday(date: Date): Date {
  const weekday = date.getUTCDay();
  return weekday === 6 ? addDays(date, -1) : weekday === 0 ? addDays(date, -2) : date;
}

/** A moment within Danish office hours (07–15 UTC) on the given date, for DateTime fields. */
export function atOfficeHour(date: Date, minuteOfDay: number): Date {
  return new Date(date.getTime() + (7 * 60 + (minuteOfDay % (8 * 60))) * 60_000);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}
