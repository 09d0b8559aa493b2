import { guardedAction } from '@oneplan/kit';
import type { PlanContext } from '../plan';

/** Statistical disclosure control: a count from 1 to 4 could point at a person. */
export const SMALLEST_SHOWN_COUNT = 5;

export function suppressSmall(count: number): number | null {
  return count > 0 && count < SMALLEST_SHOWN_COUNT ? null : count;
}

export const planStatistics = guardedAction(
  'readStatistics',
  null,
  async (_: unknown, __: unknown, { loaders, now }: PlanContext) => {
    const figures = await loaders.planFigures(now);
    const suppressed = <T extends { count: number }>(rows: T[]) =>
      rows.map((row) => ({ ...row, count: suppressSmall(row.count) }));
    return {
      asOf: figures.asOf,
      citizens: suppressSmall(figures.citizens),
      plansByStatus: suppressed(figures.plansByStatus),
      goalsByDepartment: suppressed(figures.goalsByDepartment),
      activeConsentsByCategory: suppressed(figures.activeConsentsByCategory),
    };
  },
);
