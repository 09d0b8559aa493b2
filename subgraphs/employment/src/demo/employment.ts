import {
  addDays,
  atOfficeHour,
  daysFromReference,
  demoCaseworkerOf,
  demoEffortGoals,
  workday,
  type DemoCitizen,
  type DemoRandom,
} from '@oneplan/kit';
import type { JobReadiness } from '../../generated/prisma';

// Date-only fields (`startsOn`, `endsOn`) are at UTC midnight; absent values are `null`, as in the columns.

/** The employment department's part of one demo citizen. */
export interface DemoEmployment {
  status: DemoEmploymentStatus | null;
  /** Every assessment of job readiness, oldest first; the last is the status's. */
  readiness: DemoReadinessChange[];
  activities: DemoEmploymentActivity[];
}

export interface DemoReadinessChange {
  jobReadiness: JobReadiness;
  changedOn: Date;
  registeredBy: string;
}

export interface DemoEmploymentStatus {
  targetGroup: string;
  benefit: string | null;
  jobReadiness: JobReadiness;
  updatedAt: Date;
}

export interface DemoEmploymentActivity {
  id: string;
  kind: string;
  description: string | null;
  startsOn: Date;
  endsOn: Date | null;
  /** The goal of the citizen's plan the activity serves, if any. */
  goalId: string | null;
  /** The employment caseworker who registered it. */
  registeredBy: string;
}

interface TargetGroup {
  name: string;
  benefit: string;
  weight: number;
  /** Share assessed aktivitetsparat: not yet able to take an ordinary job. */
  activityReady: number;
}

// Beskæftigelsesloven's target groups as the jobcenter names them, with their benefit.
const TARGET_GROUPS: readonly TargetGroup[] = [
  { name: 'Kontanthjælpsmodtager', benefit: 'Kontanthjælp', weight: 32, activityReady: 0.75 },
  { name: 'Uddannelseshjælpsmodtager', benefit: 'Uddannelseshjælp', weight: 12, activityReady: 0.7 },
  { name: 'Sygedagpengemodtager', benefit: 'Sygedagpenge', weight: 16, activityReady: 0.6 },
  { name: 'Ressourceforløb', benefit: 'Ressourceforløbsydelse', weight: 16, activityReady: 1 },
  { name: 'Jobafklaringsforløb', benefit: 'Ressourceforløbsydelse', weight: 8, activityReady: 1 },
  { name: 'Ledighedsydelse', benefit: 'Ledighedsydelse', weight: 10, activityReady: 0.3 },
  { name: 'Revalidend', benefit: 'Revalideringsydelse', weight: 6, activityReady: 0.2 },
];

interface ActivityKind {
  kind: string;
  descriptions: readonly string[];
  /** Typical length in days; null where the activity often runs until further notice. */
  days: readonly [number, number] | null;
}

const ACTIVITY_KINDS: readonly ActivityKind[] = [
  {
    kind: 'Virksomhedspraktik',
    descriptions: [
      'Internship at a local supermarket, 12 hours a week, rising to 20',
      'Internship in the municipal park department with a workplace mentor',
      'Internship at a car repair shop to test physical capacity',
    ],
    days: [28, 91],
  },
  {
    kind: 'Løntilskud',
    descriptions: ['Wage-subsidised job at a care home kitchen', 'Wage-subsidised job in a warehouse, 25 hours a week'],
    days: [120, 183],
  },
  {
    kind: 'Mentor',
    descriptions: [
      'Mentor support for keeping appointments and daily structure',
      'Mentor accompanying the citizen to the first weeks of internship',
    ],
    days: null,
  },
  {
    kind: 'Vejledning og opkvalificering',
    descriptions: [
      'Forklift certificate course',
      'Danish and maths preparatory course (FVU)',
      'Course in job search and CV writing',
    ],
    days: [14, 56],
  },
];

/**
 * Those the jobcenter meets have an employment status and 0–3 activities, most
 * serving one of the plan's employment goals when it has one; the others nothing.
 */
export function demoEmployment(citizen: DemoCitizen): DemoEmployment {
  if (!citizen.meets.includes('EMPLOYMENT')) return { status: null, readiness: [], activities: [] };
  const random = citizen.random('employment');
  const count = random.weighted([
    [0, 25],
    [1, 35],
    [2, 25],
    [3, 15],
  ] as const);
  const status = employmentStatus(random);
  const activities = Array.from({ length: count }, (_, ordinal) => activity(random, citizen.mint('activity', ordinal)));
  const goals = demoEffortGoals(citizen, 'EMPLOYMENT', count);
  // Streams of their own, so the history and the registrars shift none of the draws above.
  const registrars = citizen.random('employment registrars');
  return {
    status,
    readiness: readinessHistory(citizen.random('employment readiness'), status),
    activities: activities.map((each, ordinal) => ({
      ...each,
      goalId: goals[ordinal] ?? null,
      registeredBy: demoCaseworkerOf(registrars, 'EMPLOYMENT'),
    })),
  };
}

/** How far back the jobcenter's assessments of the demo cohort go: about three years. */
const HISTORY_DAYS = 1100;

/**
 * The assessments that led to the current status, drawn backwards from it: a
 * citizen jobparat now was often aktivitetsparat before (the movement towards work
 * the outcomes look for), one aktivitetsparat now seldom jobparat. One assessment
 * every two to eight months, and a row only where the assessment changed.
 */
function readinessHistory(random: DemoRandom, status: DemoEmploymentStatus): DemoReadinessChange[] {
  const assessed = (jobReadiness: JobReadiness, changedOn: Date) => ({
    jobReadiness,
    changedOn,
    registeredBy: demoCaseworkerOf(random, 'EMPLOYMENT'),
  });
  const current = status.updatedAt;
  const changes = [
    assessed(status.jobReadiness, new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), current.getUTCDate()))),
  ];
  const oldest = daysFromReference(-HISTORY_DAYS);
  let on = changes[0]!.changedOn;
  let later = status.jobReadiness;
  for (;;) {
    on = workday(addDays(on, -random.int(60, 240)));
    if (on < oldest) break;
    const before =
      later === 'JOB_READY' ? (random.chance(0.35) ? 'ACTIVITY_READY' : later) : random.chance(0.06) ? 'JOB_READY' : later;
    if (before !== later) changes.unshift(assessed(before, on));
    else changes[0] = { ...changes[0]!, changedOn: on };
    later = before;
  }
  // The first assessment is the oldest day reached, whatever it found.
  return changes;
}

function employmentStatus(random: DemoRandom): DemoEmploymentStatus {
  const group = random.weighted(TARGET_GROUPS.map((g) => [g, g.weight] as const));
  const jobReadiness: JobReadiness = random.chance(group.activityReady) ? 'ACTIVITY_READY' : 'JOB_READY';
  return {
    targetGroup: group.name,
    // Gensidig forsørgelsespligt: a spouse's income can leave a kontanthjælp recipient without the benefit.
    benefit: group.name === 'Kontanthjælpsmodtager' && random.chance(0.1) ? null : group.benefit,
    jobReadiness,
    updatedAt: atOfficeHour(workday(daysFromReference(-random.int(1, 200))), random.int(0, 479)),
  };
}

function activity(random: DemoRandom, id: string): Omit<DemoEmploymentActivity, 'goalId' | 'registeredBy'> {
  const kind = random.pick(ACTIVITY_KINDS);
  const startsOn = workday(daysFromReference(-random.int(0, 540)));
  const ongoing = kind.days === null && random.chance(0.5);
  const length = kind.days ?? [91, 365];
  return {
    id,
    kind: kind.kind,
    description: random.chance(0.8) ? random.pick(kind.descriptions) : null,
    startsOn,
    endsOn: ongoing ? null : addDays(startsOn, random.int(length[0], length[1])),
  };
}
