import { DEMO_REFERENCE_DATE, addDays, demoCitizen, demoCohort } from '@oneplan/kit';
import { demoHealth } from '../demo/health';

const COHORT_SIZE = 20_000;
const cohort = Array.from(demoCohort(COHORT_SIZE), (citizen) => ({ citizen, ...demoHealth(citizen) }));
const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;
const metByHealth = ({ citizen }: (typeof cohort)[number]) => citizen.meets.includes('HEALTH');
const records = ({ services, conditions }: (typeof cohort)[number]) => services.length + conditions.length;

describe('the health demo data', () => {
  it('is a pure function of the citizen', () => {
    expect(demoHealth(demoCitizen(42))).toEqual(demoHealth(demoCitizen(42)));
  });

  it('gives records exactly to the citizens the health department meets: 0–2 services and 0–2 conditions, at least one', () => {
    const met = cohort.filter(metByHealth);
    expect(met.filter((part) => records(part) === 0)).toEqual([]);
    expect(cohort.filter((part) => !metByHealth(part) && records(part) > 0)).toEqual([]);
    const sizes = (list: 'services' | 'conditions') => [...new Set(met.map((part) => part[list].length))].sort();
    expect({ services: sizes('services'), conditions: sizes('conditions') }).toEqual({
      services: [0, 1, 2],
      conditions: [0, 1, 2],
    });
  });

  it('gives about 80% a health record, most of them a service and most a condition', () => {
    const met = cohort.filter((part) => records(part) > 0);
    expect(met.length / COHORT_SIZE).toBeCloseTo(0.8, 1);
    expect(met.filter(({ services }) => services.length > 0).length / met.length).toBeGreaterThan(0.5);
    expect(met.filter(({ conditions }) => conditions.length > 0).length / met.length).toBeGreaterThan(0.5);
  });

  it("lists a citizen's services of different kinds and different conditions, with ids minted from the citizen in order", () => {
    const repeats = cohort.filter(
      ({ services, conditions }) =>
        new Set(services.map(({ kind }) => kind)).size !== services.length ||
        new Set(conditions.map(({ description }) => description)).size !== conditions.length,
    );
    expect(repeats).toEqual([]);
    const strays = cohort.filter(
      ({ citizen, services, conditions }) =>
        services.some((service, ordinal) => service.id !== citizen.mint('service', ordinal)) ||
        conditions.some((condition, ordinal) => condition.id !== citizen.mint('condition', ordinal)),
    );
    expect(strays).toEqual([]);
  });

  it('keeps dates at UTC midnight, services ending after they start, conditions known after the 14th year', () => {
    const services = cohort.flatMap((part) => part.services);
    const conditions = cohort.flatMap(({ citizen, conditions }) => conditions.map((condition) => ({ citizen, ...condition })));
    const dates = [
      ...services.flatMap(({ startsOn, endsOn }) => (endsOn ? [startsOn, endsOn] : [startsOn])),
      ...conditions.flatMap(({ since }) => (since ? [since] : [])),
    ];
    expect(dates.filter((date) => !isUtcMidnight(date))).toEqual([]);
    expect(services.filter(({ startsOn }) => startsOn > DEMO_REFERENCE_DATE)).toEqual([]);
    expect(services.filter(({ startsOn, endsOn }) => endsOn !== null && endsOn <= startsOn)).toEqual([]);
    const misdated = conditions.filter(
      ({ citizen, since }) =>
        since !== null && (since < addDays(citizen.birthDate, 14 * 365) || since > addDays(DEMO_REFERENCE_DATE, -90)),
    );
    expect(misdated).toEqual([]);
    expect(conditions.filter(({ since }) => since === null).length).toBeGreaterThan(0);
  });

  it("lets most services serve one of the plan's health goals where it has one, and no other citizen's or department's goal", () => {
    const ownGoals = ({ citizen }: (typeof cohort)[number]) =>
      (citizen.plan?.goals ?? []).filter((goal) => goal.department === 'HEALTH').map((goal) => goal.id);
    const strays = cohort.filter((part) =>
      part.services.some(({ goalId }) => goalId !== null && !ownGoals(part).includes(goalId)),
    );
    expect(strays).toEqual([]);
    const servable = cohort.filter((part) => ownGoals(part).length > 0).flatMap((part) => part.services);
    expect(servable.filter(({ goalId }) => goalId !== null).length / servable.length).toBeCloseTo(0.7, 1);
  });
});
