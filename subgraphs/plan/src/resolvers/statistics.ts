import { forbidden } from '@oneplan/protocol';
import type { PlanContext } from '../context';
import { planFigures } from '../data/statistics';

/** Statistical disclosure control: a count from 1 to 4 could point at a person. */
export const SMALLEST_SHOWN_COUNT = 5;

export function suppressSmall(count: number): number | null {
  return count > 0 && count < SMALLEST_SHOWN_COUNT ? null : count;
}

export async function planStatistics(_: unknown, __: unknown, { identity, prisma, now }: PlanContext) {
  if (identity.role !== 'analyst' && identity.role !== 'caseworker') {
    throw forbidden('Statistics are for analysts and caseworkers.');
  }
  const figures = await planFigures(prisma, now);
  const suppressed = <T extends { count: number }>(rows: T[]) => rows.map((row) => ({ ...row, count: suppressSmall(row.count) }));
  return {
    citizens: suppressSmall(figures.citizens),
    plansByStatus: suppressed(figures.plansByStatus),
    goalsByDepartment: suppressed(figures.goalsByDepartment),
    activeConsentsByCategory: suppressed(figures.activeConsentsByCategory),
  };
}
