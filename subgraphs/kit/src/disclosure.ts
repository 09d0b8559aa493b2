/**
 * Statistical disclosure control for every figure the graph answers about groups
 * of citizens (`planStatistics`, `outcomes`), in one place so the rules cannot
 * drift apart:
 *
 * - a count from 1 to 4 is `null` (primary suppression): it could point at a person;
 * - every other count is rounded to a multiple of 5, so any sum or difference of
 *   answered counts — two overlapping or adjacent windows, a total less its parts —
 *   is a multiple of 5 too, and never a group of 1 to 4;
 * - in a group of counts whose total can be known, one suppressed cell takes the
 *   smallest other non-zero cell with it (secondary suppression), so the total
 *   less the others does not recompute it;
 * - a median over fewer than 5 citizens is `null`.
 *
 * Noise with a privacy budget was weighed and refused: it needs a budget per
 * analyst kept across requests, and management would read the same question
 * differently from day to day. Rounding was chosen because it is deterministic,
 * its guarantee against differencing is arithmetic (see docs/api.md), and it is
 * what Danmarks Statistik and the ONS publish small-area figures with.
 */

/** Counts from 1 up to this less one are never answered. */
export const SMALLEST_SHOWN_COUNT = 5;

/** Every count answered is a multiple of this. */
export const ROUNDING_BASE = 5;

/** A count as it may be answered: 0, `null` for 1–4, otherwise the nearest multiple of 5 (never below 5). */
export function shownCount(count: number): number | null {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count is a whole number ≥ 0, not ${count}`);
  if (count === 0) return 0;
  if (count < SMALLEST_SHOWN_COUNT) return null;
  return Math.round(count / ROUNDING_BASE) * ROUNDING_BASE;
}

/**
 * The counts of one group whose total is answered or can be known (plans by
 * status, which add up to the cohort), each as `shownCount` answers it, and with
 * secondary suppression: if exactly one cell is suppressed, the smallest other
 * non-zero cell is suppressed too. Zero cells are never the second: a group whose
 * only other cells are 0 has a suppressed total as well.
 */
export function shownGroup(counts: readonly number[]): (number | null)[] {
  const shown = counts.map(shownCount);
  const suppressed = shown.filter((count) => count === null).length;
  if (suppressed !== 1) return shown;
  let second = -1;
  counts.forEach((count, index) => {
    if (shown[index] !== null && count > 0 && (second < 0 || count < (counts[second] ?? 0))) second = index;
  });
  if (second >= 0) shown[second] = null;
  return shown;
}

/** A median the database computed over `citizens`, or `null` over fewer than 5. */
export function shownMedianOf(citizens: number, median: number): number | null {
  return citizens < SMALLEST_SHOWN_COUNT ? null : median;
}

/** The median of `values`, or `null` over fewer than 5 citizens. */
export function shownMedian(values: ArrayLike<number>): number | null {
  if (values.length < SMALLEST_SHOWN_COUNT) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
