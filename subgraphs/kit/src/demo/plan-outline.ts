import type { Department } from '@oneplan/protocol';
import type { DemoRandom } from './random';

/**
 * The outline of a demo citizen's plan: whether there is one, and which
 * department each of its goals is for. The plan subgraph fills it in (goal texts,
 * statuses, dates); the departments hang their efforts under its goals. It lives
 * in the kit because departments may not import the plan subgraph.
 */
export interface DemoPlanOutline {
  /** In the order the goals were set: goal `ordinal` has the id `citizen.mint('goal', ordinal)`. */
  readonly goals: readonly DemoGoalOutline[];
}

export interface DemoGoalOutline {
  readonly id: string;
  readonly department: Department;
}

/** A department has at most this many goals in one plan; the plan subgraph has at least as many goal texts for each. */
export const MAX_GOALS_PER_DEPARTMENT = 3;

/**
 * ~85% have a plan, of 2–5 goals for the departments the citizen meets and the
 * coordination unit, any of them up to `MAX_GOALS_PER_DEPARTMENT` times.
 */
export function demoPlanOutline(
  random: DemoRandom,
  meets: readonly Department[],
  goalId: (ordinal: number) => string,
): DemoPlanOutline | null {
  if (!random.chance(0.85)) return null;
  const places = [...meets, 'COORDINATION' as const].flatMap((department) =>
    Array.from({ length: MAX_GOALS_PER_DEPARTMENT }, () => department),
  );
  const count = random.weighted([
    [2, 30],
    [3, 35],
    [4, 25],
    [5, 10],
  ] as const);
  return { goals: random.sample(places, count).map((department, ordinal) => ({ id: goalId(ordinal), department })) };
}
