import {
  DEMO_REFERENCE_DATE,
  addDays,
  addYears,
  atOfficeHour,
  daysBetween,
  workday,
  type DemoCitizen,
  type DemoRandom,
} from '@oneplan/kit';
import { CONSENTABLE_CATEGORIES, DEPARTMENTS, type ConsentableCategory, type Department } from '@oneplan/protocol';
import type { ConsentMethod } from '../../generated/prisma';
import type { DemoConsent, DemoPlan } from './types';

const CATEGORIES_OF: Readonly<Record<Department, readonly ConsentableCategory[]>> = {
  EMPLOYMENT: ['EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES'],
  SOCIAL: ['SOCIAL_MEASURES'],
  HEALTH: ['HEALTH_SERVICES', 'HEALTH_CONDITIONS'],
  COORDINATION: ['PLAN'],
};

const PURPOSES = [
  'Coordinating the joint plan',
  'Preparing the joint plan meeting',
  'Clarifying capacity for work in the resource course',
  'Planning internship hours around treatment',
] as const;

/**
 * 0–2 consents, given when the plan was made (and perhaps widened later), for the
 * departments the citizen meets. Most last the plan's year; some only six months,
 * so expired consents occur, and a few are revoked. Each has its provenance
 * (`consentProvenance`).
 */
export function demoConsents(random: DemoRandom, citizen: DemoCitizen, plan: DemoPlan): DemoConsent[] {
  const count = random.weighted([
    [0, 20],
    [1, 55],
    [2, 25],
  ] as const);
  const departments: readonly Department[] = [...citizen.meets, 'COORDINATION'];
  const categoryPool = departments.flatMap((department) => CATEGORIES_OF[department]);
  const yesterday = addDays(DEMO_REFERENCE_DATE, -1);
  const consents: DemoConsent[] = [];
  let givenOn = workday(addDays(plan.startsOn < yesterday ? plan.startsOn : yesterday, -random.int(0, 21)));
  // A stream of its own, so the plan's follow-up, drawn after the consents, is what it was before consents had provenance.
  const provenance = citizen.random('consent provenance');
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const givenAt = atOfficeHour(givenOn, random.int(0, 479));
    const validUntil = random.chance(0.8) ? addYears(givenAt, 1) : addDays(givenAt, 182);
    // Revoked on a later day, and before the day the consent lapses by itself.
    const revocableDays = Math.min(daysBetween(givenOn, validUntil) - 1, daysBetween(givenOn, yesterday));
    const terms = {
      id: citizen.mint('consent', ordinal),
      categories: inOrder(random.sample(categoryPool, random.int(1, categoryPool.length)), CONSENTABLE_CATEGORIES),
      recipients: inOrder(random.sample(departments, random.int(1, departments.length)), DEPARTMENTS),
      purpose: random.pick(PURPOSES),
      givenAt,
      validUntil,
      revokedAt:
        revocableDays >= 1 && random.chance(0.06)
          ? atOfficeHour(addDays(givenOn, random.int(1, revocableDays)), random.int(0, 479))
          : null,
    };
    consents.push({ ...terms, ...consentProvenance(provenance, citizen, plan, terms) });
    givenOn = workday(addDays(givenOn, Math.min(random.int(30, 240), Math.max(0, daysBetween(givenOn, yesterday)))));
  }
  return consents;
}

/**
 * How a consent was given: mostly at the holistic meeting or on a signed form, which
 * the coordinator records with the journal note or document, sometimes by telephone,
 * and now and then by the citizen themself online (DIGITAL, no recorder). A
 * revocation is the citizen's own, or the coordinator's on their request.
 */
function consentProvenance(
  random: DemoRandom,
  citizen: DemoCitizen,
  plan: DemoPlan,
  consent: { givenAt: Date; revokedAt: Date | null },
): Pick<DemoConsent, 'method' | 'recordedById' | 'evidence' | 'revokedBy'> {
  const method = random.weighted<ConsentMethod>([
    ['IN_MEETING', 45],
    ['IN_WRITING', 30],
    ['DIGITAL', 15],
    ['ORALLY', 10],
  ]);
  const journal = `${consent.givenAt.getUTCFullYear()}-${random.int(10_000, 99_999)}`;
  const revokedByCitizen = method === 'DIGITAL' ? random.chance(0.7) : random.chance(0.3);
  return {
    method,
    recordedById: method === 'DIGITAL' ? null : plan.coordinator.id,
    evidence: EVIDENCE[method]?.(journal) ?? null,
    revokedBy: consent.revokedAt ? (revokedByCitizen ? citizen.name : plan.coordinator.name) : null,
  };
}

const EVIDENCE: Partial<Record<ConsentMethod, (journal: string) => string>> = {
  IN_MEETING: (journal) => `Journal note ${journal}: consent given at the holistic meeting`,
  IN_WRITING: (journal) => `Signed consent form, document ${journal}`,
  ORALLY: (journal) => `Journal note ${journal}: consent given by telephone`,
};

/** The chosen items in the contract's enum order, so lists read the same everywhere. */
function inOrder<T>(chosen: readonly T[], order: readonly T[]): T[] {
  return order.filter((item) => chosen.includes(item));
}
