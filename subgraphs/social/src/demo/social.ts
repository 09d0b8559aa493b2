import {
  addDays,
  daysFromReference,
  demoCaseworkerOf,
  demoEffortGoals,
  workday,
  type DemoCitizen,
  type DemoRandom,
} from '@oneplan/kit';

/** The social department's part of one demo citizen. */
export interface DemoSocial {
  measures: DemoSocialMeasure[];
}

/** `startsOn` and `endsOn` are dates at UTC midnight; `endsOn` is `null` while the measure runs until further notice. */
export interface DemoSocialMeasure {
  id: string;
  legalBasis: string;
  description: string;
  startsOn: Date;
  endsOn: Date | null;
  /** The goal of the citizen's plan the measure serves, if any. */
  goalId: string | null;
  /** The social caseworker who registered it. */
  registeredBy: string;
}

interface MeasureKind {
  legalBasis: string;
  descriptions: readonly string[];
  /** Share of measures of this kind that run until further notice. */
  ongoing: number;
}

const MEASURE_KINDS: readonly MeasureKind[] = [
  {
    legalBasis: 'Serviceloven § 85',
    descriptions: [
      'Socio-educational support at home, 4 hours a week',
      'Support for managing finances and contact with authorities',
    ],
    ongoing: 0.6,
  },
  {
    legalBasis: 'Serviceloven § 101',
    descriptions: ['Outpatient social treatment for drug misuse', 'Day treatment for cannabis misuse'],
    ongoing: 0.4,
  },
  {
    legalBasis: 'Barnets Lov § 32',
    descriptions: [
      'Family treatment for the household',
      'Contact person for the eldest child',
      'Relief stays for the child with a disability',
    ],
    ongoing: 0.5,
  },
  {
    legalBasis: 'Serviceloven § 107',
    descriptions: ['Temporary supported housing during rehabilitation'],
    ongoing: 0.3,
  },
  {
    legalBasis: 'Serviceloven § 99',
    descriptions: ['Outreach support and contact person (SKP)'],
    ongoing: 0.7,
  },
  {
    legalBasis: 'Serviceloven § 110',
    descriptions: ['Stay at a homeless shelter'],
    ongoing: 0.2,
  },
];

/**
 * Those the social department meets have 1–3 measures, each under a different
 * provision, most serving one of the plan's social goals when it has one; the others none.
 */
export function demoSocial(citizen: DemoCitizen): DemoSocial {
  if (!citizen.meets.includes('SOCIAL')) return { measures: [] };
  const random = citizen.random('social');
  const count = random.weighted([
    [1, 35],
    [2, 20],
    [3, 10],
  ] as const);
  const goals = demoEffortGoals(citizen, 'SOCIAL', count);
  // A stream of its own, so the registrars shift none of the draws above.
  const registrars = citizen.random('social registrars');
  return {
    measures: random.sample(MEASURE_KINDS, count).map((kind, ordinal) => ({
      ...measure(random, kind, citizen.mint('measure', ordinal)),
      goalId: goals[ordinal] ?? null,
      registeredBy: demoCaseworkerOf(registrars, 'SOCIAL'),
    })),
  };
}

function measure(random: DemoRandom, kind: MeasureKind, id: string): Omit<DemoSocialMeasure, 'goalId' | 'registeredBy'> {
  const startsOn = workday(daysFromReference(-random.int(14, 1500)));
  return {
    id,
    legalBasis: kind.legalBasis,
    description: random.pick(kind.descriptions),
    startsOn,
    endsOn: random.chance(kind.ongoing) ? null : addDays(startsOn, random.int(90, 730)),
  };
}
