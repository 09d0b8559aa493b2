import { DEMO_REFERENCE_DATE, demoCitizen, demoCohort } from '@oneplan/kit';
import { demoSocial } from '../demo/social';

const COHORT_SIZE = 20_000;
const cohort = Array.from(demoCohort(COHORT_SIZE), (citizen) => ({ citizen, ...demoSocial(citizen) }));
const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;
const metBySocial = ({ citizen }: (typeof cohort)[number]) => citizen.meets.includes('SOCIAL');

describe('the social demo data', () => {
  it('is a pure function of the citizen', () => {
    expect(demoSocial(demoCitizen(42))).toEqual(demoSocial(demoCitizen(42)));
  });

  it('gives measures exactly to the citizens the social department meets, 1–3 each', () => {
    const met = cohort.filter(metBySocial);
    expect(cohort.filter((part) => !metBySocial(part) && part.measures.length > 0)).toEqual([]);
    expect([...new Set(met.map(({ measures }) => measures.length))].sort()).toEqual([1, 2, 3]);
  });

  it('gives about 65% a measure', () => {
    expect(cohort.filter(({ measures }) => measures.length > 0).length / COHORT_SIZE).toBeCloseTo(0.65, 1);
  });

  it("grants a citizen's measures under different provisions, with ids minted from the citizen in order", () => {
    expect(
      cohort.filter(({ measures }) => new Set(measures.map(({ legalBasis }) => legalBasis)).size !== measures.length),
    ).toEqual([]);
    const strays = cohort.filter(({ citizen, measures }) =>
      measures.some((measure, ordinal) => measure.id !== citizen.mint('measure', ordinal)),
    );
    expect(strays).toEqual([]);
  });

  it('keeps dates at UTC midnight, measures started before the reference date and ending after they start, some ongoing', () => {
    const measures = cohort.flatMap((part) => part.measures);
    const dates = measures.flatMap(({ startsOn, endsOn }) => (endsOn ? [startsOn, endsOn] : [startsOn]));
    expect(dates.filter((date) => !isUtcMidnight(date))).toEqual([]);
    expect(measures.filter(({ startsOn }) => startsOn >= DEMO_REFERENCE_DATE)).toEqual([]);
    expect(measures.filter(({ startsOn, endsOn }) => endsOn !== null && endsOn <= startsOn)).toEqual([]);
    const ongoing = measures.filter(({ endsOn }) => endsOn === null).length / measures.length;
    expect(ongoing).toBeGreaterThan(0.2);
    expect(ongoing).toBeLessThan(0.8);
  });

  it("lets most measures serve one of the plan's social goals where it has one, and no other citizen's or department's goal", () => {
    const ownGoals = ({ citizen }: (typeof cohort)[number]) =>
      (citizen.plan?.goals ?? []).filter((goal) => goal.department === 'SOCIAL').map((goal) => goal.id);
    const strays = cohort.filter((part) =>
      part.measures.some(({ goalId }) => goalId !== null && !ownGoals(part).includes(goalId)),
    );
    expect(strays).toEqual([]);
    const servable = cohort.filter((part) => ownGoals(part).length > 0).flatMap((part) => part.measures);
    expect(servable.filter(({ goalId }) => goalId !== null).length / servable.length).toBeCloseTo(0.7, 1);
  });
});
