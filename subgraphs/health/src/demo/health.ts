import {
  addDays,
  daysBetween,
  daysFromReference,
  demoCaseworkerOf,
  demoEffortGoals,
  workday,
  type DemoCitizen,
  type DemoRandom,
} from '@oneplan/kit';

// Date-only fields (`startsOn`, `endsOn`, `since`) are at UTC midnight; absent values are `null`, as in the columns.

/** The health department's part of one demo citizen. */
export interface DemoHealth {
  services: DemoHealthService[];
  conditions: DemoHealthCondition[];
}

export interface DemoHealthService {
  id: string;
  kind: string;
  legalBasis: string | null;
  description: string;
  startsOn: Date;
  endsOn: Date | null;
  /** The goal of the citizen's plan the service serves, if any. */
  goalId: string | null;
  /** The health caseworker who registered it. */
  registeredBy: string;
}

export interface DemoHealthCondition {
  id: string;
  description: string;
  since: Date | null;
}

interface ServiceKind {
  kind: string;
  /** Null where the region, not the municipality, provides the service. */
  legalBasis: string | null;
  descriptions: readonly string[];
  days: readonly [number, number];
  ongoing: number;
}

const SERVICE_KINDS: readonly ServiceKind[] = [
  {
    kind: 'Genoptræning',
    legalBasis: 'Sundhedsloven § 140',
    descriptions: ['Rehabilitation after back surgery', 'Rehabilitation after a fall injury to the shoulder'],
    days: [42, 120],
    ongoing: 0,
  },
  {
    kind: 'Alkoholbehandling',
    legalBasis: 'Sundhedsloven § 141',
    descriptions: ['Outpatient alcohol treatment, weekly sessions', 'Antabus treatment with counselling'],
    days: [120, 365],
    ongoing: 0.5,
  },
  {
    kind: 'Stofbehandling',
    legalBasis: 'Sundhedsloven § 142',
    descriptions: ['Medical treatment for opioid dependence (substitution)', 'Medical assessment for drug misuse'],
    days: [90, 365],
    ongoing: 0.5,
  },
  {
    kind: 'Psykiatrisk behandlingsforløb',
    legalBasis: null,
    descriptions: ['Outpatient psychiatric course for depression', 'Package course for anxiety in regional psychiatry'],
    days: [120, 365],
    ongoing: 0.4,
  },
];

const CONDITIONS = [
  'Recurrent depression, moderate',
  'Generalised anxiety disorder',
  'Post-traumatic stress disorder',
  'ADHD',
  'Alcohol dependence',
  'Cannabis dependence',
  'Chronic low back pain',
  'Type 2 diabetes',
  'COPD',
  'Fibromyalgia',
] as const;

/**
 * Those the health department meets have 0–2 services of different kinds, most
 * serving one of the plan's health goals when it has one, and 0–2 different
 * conditions, at least one of either; the others nothing.
 */
export function demoHealth(citizen: DemoCitizen): DemoHealth {
  if (!citizen.meets.includes('HEALTH')) return { services: [], conditions: [] };
  const random = citizen.random('health');
  const serviceCount = random.weighted([
    [0, 40],
    [1, 40],
    [2, 20],
  ] as const);
  const goals = demoEffortGoals(citizen, 'HEALTH', serviceCount);
  // A stream of its own, so the registrars shift none of the draws here.
  const registrars = citizen.random('health registrars');
  const services = random.sample(SERVICE_KINDS, serviceCount).map((kind, ordinal) => ({
    ...service(random, kind, citizen.mint('service', ordinal)),
    goalId: goals[ordinal] ?? null,
    registeredBy: demoCaseworkerOf(registrars, 'HEALTH'),
  }));
  // Met means at least one record: without a service, one or two conditions.
  const conditionCount = random.weighted<number>(
    serviceCount === 0
      ? [
          [1, 40],
          [2, 25],
        ]
      : [
          [0, 35],
          [1, 40],
          [2, 25],
        ],
  );
  const conditions = random
    .sample(CONDITIONS, conditionCount)
    .map((description, ordinal) => condition(random, description, citizen.mint('condition', ordinal), citizen.birthDate));
  return { services, conditions };
}

function service(random: DemoRandom, kind: ServiceKind, id: string): Omit<DemoHealthService, 'goalId' | 'registeredBy'> {
  const startsOn = workday(daysFromReference(-random.int(0, 700)));
  return {
    id,
    kind: kind.kind,
    legalBasis: kind.legalBasis,
    description: random.pick(kind.descriptions),
    startsOn,
    endsOn: random.chance(kind.ongoing) ? null : addDays(startsOn, random.int(kind.days[0], kind.days[1])),
  };
}

/** Known since sometime after the citizen's 14th year, when known at all. */
function condition(random: DemoRandom, description: string, id: string, birthDate: Date): DemoHealthCondition {
  const earliest = addDays(birthDate, 14 * 365);
  const span = daysBetween(earliest, daysFromReference(-90));
  return { id, description, since: random.chance(0.7) ? addDays(earliest, random.int(0, span)) : null };
}
