import { DATA_CATEGORIES, DEPARTMENTS } from '@oneplan/protocol';
import { parseCpr } from '../cpr';
import { DEMO_REFERENCE_DATE, DEMO_SEED, demoCitizen, demoCohort, type DemoCitizen } from '../demo';
import { demoCpr } from '../demo/identity';

const COHORT_SIZE = 20_000;
const cohort: DemoCitizen[] = Array.from(demoCohort(COHORT_SIZE));
const share = (predicate: (citizen: DemoCitizen) => boolean) => cohort.filter(predicate).length / COHORT_SIZE;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;

function idsOf(citizen: DemoCitizen): string[] {
  return [
    citizen.id,
    ...(citizen.plan ? [citizen.plan.id, ...citizen.plan.goals.map((goal) => goal.id)] : []),
    ...citizen.consents.map((consent) => consent.id),
    ...citizen.employment.activities.map((activity) => activity.id),
    ...citizen.social.measures.map((measure) => measure.id),
    ...citizen.health.services.map((service) => service.id),
    ...citizen.health.conditions.map((condition) => condition.id),
  ];
}

function dateOnlyFields(citizen: DemoCitizen): (Date | null)[] {
  return [
    citizen.plan?.startsOn ?? null,
    citizen.plan?.endsOn ?? null,
    ...(citizen.plan?.goals.map((goal) => goal.dueOn) ?? []),
    ...citizen.employment.activities.flatMap((activity) => [activity.startsOn, activity.endsOn]),
    ...citizen.social.measures.flatMap((measure) => [measure.startsOn, measure.endsOn]),
    ...citizen.health.services.flatMap((service) => [service.startsOn, service.endsOn]),
    ...citizen.health.conditions.map((condition) => condition.since),
  ];
}

describe('demo cohort determinism', () => {
  it('gives the same citizen for the same index every time', () => {
    expect(demoCitizen(42)).toEqual(demoCitizen(42));
  });

  it('gives citizen 7 the same data whether generated alone or within a cohort of 150', () => {
    const inCohort = Array.from(demoCohort(150))[7];
    expect(inCohort).toEqual(demoCitizen(7));
  });

  it('uses DEMO_SEED when no seed is given, and another seed gives other people', () => {
    expect(demoCitizen(3)).toEqual(demoCitizen(3, DEMO_SEED));
    const other = demoCitizen(3, DEMO_SEED + 1);
    expect(other.id).not.toBe(demoCitizen(3).id);
    expect(other.cpr).not.toBe(demoCitizen(3).cpr);
  });

  it('reproduces a known citizen exactly, so separately seeded databases agree across releases', () => {
    const citizen = demoCitizen(0);
    expect({ id: citizen.id, cpr: citizen.cpr, name: citizen.name }).toEqual({
      id: '186fdc27-635b-42fd-95e6-630200595d1f',
      cpr: '2309862248',
      name: 'Julie Petersen',
    });
  });
});

describe('demo cohort identity', () => {
  it(`gives every id a UUID form and no id twice across ${COHORT_SIZE} citizens`, () => {
    const ids = cohort.flatMap(idsOf);
    expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it(`gives no CPR twice across ${COHORT_SIZE} citizens`, () => {
    expect(new Set(cohort.map((citizen) => citizen.cpr)).size).toBe(COHORT_SIZE);
  });

  it('keeps CPRs unique across 200,000 indexes', () => {
    const numbers = new Set<string>();
    for (let index = 0; index < 200_000; index++) numbers.add(demoCpr(DEMO_SEED, index).cpr);
    expect(numbers.size).toBe(200_000);
  });

  it('gives every citizen a CPR that parses, for someone aged 18 to 63 on the reference date', () => {
    const reference = DEMO_REFERENCE_DATE;
    const ages = cohort.map((citizen) => {
      const born = parseCpr(citizen.cpr)?.birthDate;
      if (!born) throw new Error(`demo CPR ${citizen.cpr} does not parse`);
      const birthdayThisYear = new Date(Date.UTC(reference.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate()));
      return reference.getUTCFullYear() - born.getUTCFullYear() - (birthdayThisYear > reference ? 1 : 0);
    });
    expect(Math.min(...ages)).toBe(18);
    expect(Math.max(...ages)).toBe(63);
  });

  it('gives every citizen a first and a last name', () => {
    expect(cohort.filter((citizen) => !/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(citizen.name))).toEqual([]);
  });
});

describe('demo cohort proportions', () => {
  it('gives about 85% a plan, mostly active with some drafts and completed plans', () => {
    expect(share((c) => c.plan !== null)).toBeCloseTo(0.85, 1);
    const plans = cohort.flatMap((c) => (c.plan ? [c.plan] : []));
    const statusShare = (status: string) => plans.filter((plan) => plan.status === status).length / plans.length;
    expect(statusShare('ACTIVE')).toBeGreaterThan(0.65);
    expect(statusShare('DRAFT')).toBeGreaterThan(0.05);
    expect(statusShare('COMPLETED')).toBeGreaterThan(0.05);
  });

  it('gives about 80% an employment status', () => {
    expect(share((c) => c.employment.status !== null)).toBeCloseTo(0.8, 1);
  });

  it('keeps every list within the sizes the departments work with, and uses each size', () => {
    const sizes = {
      goals: cohort.flatMap((c) => (c.plan ? [c.plan.goals.length] : [])),
      consents: cohort.map((c) => c.consents.length),
      activities: cohort.map((c) => c.employment.activities.length),
      measures: cohort.map((c) => c.social.measures.length),
      services: cohort.map((c) => c.health.services.length),
      conditions: cohort.map((c) => c.health.conditions.length),
    };
    const seen = Object.fromEntries(Object.entries(sizes).map(([list, lengths]) => [list, [...new Set(lengths)].sort()]));
    expect(seen).toEqual({
      goals: [2, 3, 4, 5],
      consents: [0, 1, 2],
      activities: [0, 1, 2, 3],
      measures: [0, 1, 2, 3],
      services: [0, 1, 2],
      conditions: [0, 1, 2],
    });
  });

  it('has consents only where there is a plan, some expired and a few revoked', () => {
    expect(cohort.filter((c) => c.plan === null && c.consents.length > 0)).toEqual([]);
    const consents = cohort.flatMap((c) => c.consents);
    const expired = consents.filter((consent) => consent.validUntil <= DEMO_REFERENCE_DATE).length / consents.length;
    const revoked = consents.filter((consent) => consent.revokedAt !== null).length / consents.length;
    expect(expired).toBeGreaterThan(0.05);
    expect(expired).toBeLessThan(0.4);
    expect(revoked).toBeGreaterThan(0.02);
    expect(revoked).toBeLessThan(0.1);
  });
});

describe('demo cohort plausibility', () => {
  it('uses only the contract enum values for departments and data categories', () => {
    const departments = cohort.flatMap((c) => [
      ...(c.plan ? [c.plan.coordinator.department, ...c.plan.goals.map((goal) => goal.department)] : []),
      ...c.consents.flatMap((consent) => consent.recipients),
    ]);
    const categories = cohort.flatMap((c) => c.consents.flatMap((consent) => consent.categories));
    expect(new Set(departments)).toEqual(new Set(DEPARTMENTS));
    expect(new Set(categories)).toEqual(new Set(DATA_CATEGORIES));
  });

  it('gives every plan a one-year horizon, active ones spanning the reference date, completed ones ended', () => {
    const plans = cohort.flatMap((c) => (c.plan ? [c.plan] : []));
    const oneYearAfter = (day: Date) => new Date(Date.UTC(day.getUTCFullYear() + 1, day.getUTCMonth(), day.getUTCDate()));
    expect(plans.filter((plan) => plan.endsOn.getTime() !== oneYearAfter(plan.startsOn).getTime())).toEqual([]);
    const active = plans.filter((plan) => plan.status === 'ACTIVE');
    expect(active.filter((plan) => plan.startsOn > DEMO_REFERENCE_DATE || plan.endsOn <= DEMO_REFERENCE_DATE)).toEqual([]);
    const completed = plans.filter((plan) => plan.status === 'COMPLETED');
    expect(completed.filter((plan) => plan.endsOn >= DEMO_REFERENCE_DATE)).toEqual([]);
    const drafts = plans.filter((plan) => plan.status === 'DRAFT');
    expect(drafts.filter((plan) => plan.goals.some((goal) => goal.status !== 'NOT_STARTED'))).toEqual([]);
  });

  it('keeps date-only fields at UTC midnight and nothing recorded after the reference date', () => {
    expect(cohort.flatMap(dateOnlyFields).filter((date) => date !== null && !isUtcMidnight(date))).toEqual([]);
    const recorded = cohort.flatMap((c) => [
      ...c.consents.flatMap((consent) => [consent.givenAt, consent.revokedAt]),
      c.plan?.updatedAt ?? null,
      c.employment.status?.updatedAt ?? null,
    ]);
    expect(recorded.filter((at) => at !== null && at >= DEMO_REFERENCE_DATE)).toEqual([]);
  });

  it('revokes a consent only while it was in force', () => {
    const revoked = cohort.flatMap((c) => c.consents).filter((consent) => consent.revokedAt !== null);
    const outOfForce = revoked.filter(({ givenAt, validUntil, revokedAt }) => revokedAt! <= givenAt || revokedAt! > validUntil);
    expect(outOfForce).toEqual([]);
  });

  it('lets the coordinator and goals come only from departments the citizen meets, or coordination', () => {
    const strays = cohort.filter((c) => {
      const met = new Set<string>(['COORDINATION']);
      if (c.employment.status || c.employment.activities.length) met.add('EMPLOYMENT');
      if (c.social.measures.length) met.add('SOCIAL');
      if (c.health.services.length || c.health.conditions.length) met.add('HEALTH');
      const planDepartments = c.plan ? [c.plan.coordinator.department, ...c.plan.goals.map((goal) => goal.department)] : [];
      return !planDepartments.every((department) => met.has(department));
    });
    expect(strays).toEqual([]);
  });
});
