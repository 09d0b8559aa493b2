import { guardedAction, shownCount, shownGroup } from '@oneplan/kit';
import type { PlanContext } from '../plan';

/**
 * Under the same disclosure control as `outcomes` (the kit's disclosure.ts):
 * counts rounded to multiples of 5, 1–4 null, and plans by status as one group,
 * whose total is the number of plans.
 */
export const planStatistics = guardedAction(
  'readStatistics',
  null,
  async (_: unknown, __: unknown, { loaders, now }: PlanContext) => {
    const figures = await loaders.planFigures(now);
    const shown = <T extends { count: number }>(rows: T[]) => rows.map((row) => ({ ...row, count: shownCount(row.count) }));
    const byStatus = shownGroup(figures.plansByStatus.map((row) => row.count));
    return {
      asOf: figures.asOf,
      citizens: shownCount(figures.citizens),
      plansByStatus: figures.plansByStatus.map((row, index) => ({ ...row, count: byStatus[index] ?? null })),
      goalsByDepartment: shown(figures.goalsByDepartment),
      activeConsentsByCategory: shown(figures.activeConsentsByCategory),
    };
  },
);
