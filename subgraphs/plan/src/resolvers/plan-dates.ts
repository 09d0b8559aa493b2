const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The same day `months` later, or the month's last day when it has fewer days
 * (31 January + 1 month = 28 or 29 February): "three months after startsOn" as a
 * caseworker counts, never spilling into the month after.
 */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** The same moment one year later on the calendar (29 February gives 28 February): a year as a consent counts it. */
export function oneYearAfter(at: Date): Date {
  return new Date(addMonths(at, 12).getTime() + (at.getTime() % DAY_MS));
}
