import { addDays, daysBetween, daysFromReference, workday } from './dates';
import type { DemoRandom } from './random';
import type { DemoHealth, DemoHealthCondition, DemoHealthService, DemoIdMinter } from './types';

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

/** 0–2 services of different kinds and 0–2 different conditions. */
export function demoHealth(random: DemoRandom, mint: DemoIdMinter, birthDate: Date): DemoHealth {
  const serviceCount = random.weighted([[0, 40], [1, 40], [2, 20]] as const);
  const services = random
    .sample(SERVICE_KINDS, serviceCount)
    .map((kind, ordinal) => service(random, kind, mint('service', ordinal)));
  const conditionCount = random.weighted([[0, 35], [1, 40], [2, 25]] as const);
  const conditions = random
    .sample(CONDITIONS, conditionCount)
    .map((description, ordinal) => condition(random, description, mint('condition', ordinal), birthDate));
  return { services, conditions };
}

function service(random: DemoRandom, kind: ServiceKind, id: string): DemoHealthService {
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
