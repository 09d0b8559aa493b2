import {
  DEMO_CASEWORKERS,
  DEMO_REFERENCE_DATE,
  MAX_GOALS_PER_DEPARTMENT,
  addDays,
  addYears,
  atOfficeHour,
  daysBetween,
  daysFromReference,
  workday,
  type DemoCitizen,
  type DemoRandom,
} from '@oneplan/kit';
import type { Department } from '@oneplan/protocol';
import type { GoalStatus, PlanStatus } from '../../generated/prisma';
import type { DemoGoal, DemoPlan } from './types';

// Overall goals in the citizen's own words, as the trials asked plans to be written.
const OVERALL_GOALS = [
  "Get into ordinary employment within a year while the family's situation is stabilised",
  'Hold a flex job of at least 15 hours a week and have a stable place to live',
  'Stay free of alcohol and start a vocational education next summer',
  'Have a home of my own and a daily rhythm that makes an internship possible',
  'Return to my job after sick leave with adjusted hours',
  'Get my mental health under control so I can care for my children and start working',
  'Finish drug treatment and start in a wage-subsidised job',
  'Get a clear answer on my capacity for work and a plan for what comes after',
  'Start a preparatory basic education (FGU) and keep attending',
  'Keep the children at home with support while building up working hours step by step',
] as const;

const GOALS_BY_DEPARTMENT: Readonly<Record<Department, readonly string[]>> = {
  EMPLOYMENT: [
    'Start an internship of 10 hours a week',
    'Increase internship hours to 20 a week',
    'Complete a forklift certificate',
    'Apply for two jobs a week with help from the mentor',
    'Clarify capacity for work in a job clarification course',
  ],
  SOCIAL: [
    'Find stable housing',
    'Keep a budget and pay rent on time',
    'Complete family treatment with the whole household',
    'Get a contact person for the eldest child',
    'Apply for debt counselling',
  ],
  HEALTH: [
    'Complete the alcohol treatment course',
    'Attend every rehabilitation session',
    'Begin psychiatric treatment for depression',
    'Reduce back pain enough to work standing up',
    'Stay drug-free for six months',
  ],
  COORDINATION: [
    'Hold a joint meeting with all departments every three months',
    'Choose a support person to attend meetings',
    'Review the plan with the citizen after six months',
  ],
};

const GOAL_STATUS_WEIGHTS: Readonly<Record<PlanStatus, readonly (readonly [GoalStatus, number])[]>> = {
  DRAFT: [['NOT_STARTED', 1]],
  ACTIVE: [
    ['NOT_STARTED', 25],
    ['IN_PROGRESS', 50],
    ['ACHIEVED', 20],
    ['ABANDONED', 5],
  ],
  COMPLETED: [
    ['ACHIEVED', 75],
    ['ABANDONED', 25],
  ],
  CANCELLED: [
    ['NOT_STARTED', 20],
    ['IN_PROGRESS', 20],
    ['ABANDONED', 60],
  ],
};

/**
 * The plan the citizen's outline says they have (~85%), on the trials' one-year
 * horizon. Its coordinator comes from the departments the citizen actually meets,
 * plus the coordination unit; its goals are the outline's, so the departments'
 * efforts can serve them.
 */
export function demoPlan(random: DemoRandom, citizen: DemoCitizen): DemoPlan | null {
  const outline = citizen.plan;
  if (!outline) return null;
  const departments: readonly Department[] = [...citizen.meets, 'COORDINATION'];
  const status = random.weighted<PlanStatus>([
    ['ACTIVE', 75],
    ['DRAFT', 10],
    ['COMPLETED', 12],
    ['CANCELLED', 3],
  ]);
  const startsOn = workday(daysFromReference(startOffset(random, status)));
  const endsOn = addYears(startsOn, 1);
  // A different text for each of a department's goals (the outline sets at most MAX_GOALS_PER_DEPARTMENT).
  const texts = new Map(
    departments.map((department) => [department, random.sample(GOALS_BY_DEPARTMENT[department], MAX_GOALS_PER_DEPARTMENT)]),
  );
  return {
    id: citizen.mint('plan', 0),
    coordinator: random.pick(DEMO_CASEWORKERS.filter((caseworker) => departments.includes(caseworker.department))),
    overallGoal: random.pick(OVERALL_GOALS),
    status,
    startsOn,
    endsOn,
    updatedAt: atOfficeHour(lastChange(random, status, startsOn, endsOn), random.int(0, 479)),
    goals: outline.goals.map(({ id, department }): DemoGoal => ({
      id,
      description: texts.get(department)!.shift()!,
      department,
      status: random.weighted(GOAL_STATUS_WEIGHTS[status]),
      dueOn: random.chance(0.75) ? addDays(startsOn, random.int(60, daysBetween(startsOn, endsOn))) : null,
    })),
  };
}

/** Days from the reference date to the plan's start: drafts start soon, completed plans ran more than a year ago. */
function startOffset(random: DemoRandom, status: PlanStatus): number {
  switch (status) {
    case 'ACTIVE':
      return -random.int(3, 330);
    case 'DRAFT':
      return random.int(3, 45);
    case 'COMPLETED':
      return -random.int(370, 900);
    case 'CANCELLED':
      return -random.int(60, 500);
  }
}

function lastChange(random: DemoRandom, status: PlanStatus, startsOn: Date, endsOn: Date): Date {
  const yesterday = addDays(DEMO_REFERENCE_DATE, -1);
  if (status === 'DRAFT') return workday(daysFromReference(-random.int(1, 14)));
  if (status === 'COMPLETED') return workday(addDays(endsOn, Math.min(random.int(0, 30), daysBetween(endsOn, yesterday))));
  return workday(addDays(startsOn, random.int(0, daysBetween(startsOn, yesterday))));
}
