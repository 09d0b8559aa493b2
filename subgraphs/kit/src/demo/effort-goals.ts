import type { Department } from '@oneplan/protocol';
import type { DemoCitizen } from './cohort';

/** The share of a department's efforts that serve one of its goals in the citizen's plan, when there is one. */
const SERVING_A_GOAL = 0.7;

/**
 * The goal each of a department's `count` efforts serves, or null: most serve one
 * of the department's own goals in the citizen's plan, when it has any. Drawn from
 * a stream of its own, so linking efforts shifts none of the department's other data.
 */
export function demoEffortGoals(citizen: DemoCitizen, department: Department, count: number): (string | null)[] {
  const goals = citizen.plan?.goals.filter((goal) => goal.department === department) ?? [];
  const random = citizen.random(`goals served by ${department}`);
  return Array.from({ length: count }, () => (goals.length > 0 && random.chance(SERVING_A_GOAL) ? random.pick(goals).id : null));
}
