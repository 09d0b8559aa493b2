import { DEMO_REFERENCE_DATE, demoCitizen, demoCohort } from '@oneplan/kit';
import { demoEmployment } from '../demo/employment';

const COHORT_SIZE = 20_000;
const cohort = Array.from(demoCohort(COHORT_SIZE), (citizen) => ({ citizen, ...demoEmployment(citizen) }));
const share = (predicate: (part: (typeof cohort)[number]) => boolean) => cohort.filter(predicate).length / COHORT_SIZE;
const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;
const metByJobcenter = ({ citizen }: (typeof cohort)[number]) => citizen.meets.includes('EMPLOYMENT');

describe('the employment demo data', () => {
  it('is a pure function of the citizen', () => {
    expect(demoEmployment(demoCitizen(42))).toEqual(demoEmployment(demoCitizen(42)));
    expect(demoEmployment(demoCitizen(42))).not.toEqual(demoEmployment(demoCitizen(43)));
  });

  it('gives records exactly to the citizens the jobcenter meets: a status each, and 0–3 activities', () => {
    const met = cohort.filter(metByJobcenter);
    expect(met.filter(({ status }) => status === null)).toEqual([]);
    expect(cohort.filter((part) => !metByJobcenter(part) && (part.status !== null || part.activities.length > 0))).toEqual([]);
    expect([...new Set(met.map(({ activities }) => activities.length))].sort()).toEqual([0, 1, 2, 3]);
  });

  it('gives about 80% an employment status', () => {
    expect(share(({ status }) => status !== null)).toBeCloseTo(0.8, 1);
  });

  it('mints every activity id from the citizen, in order', () => {
    const strays = cohort.filter(({ citizen, activities }) =>
      activities.some((activity, ordinal) => activity.id !== citizen.mint('activity', ordinal)),
    );
    expect(strays).toEqual([]);
  });

  it('assesses resource and job clarification courses as activity-ready, and withholds a benefit only from kontanthjælp', () => {
    const statuses = cohort.flatMap(({ status }) => (status ? [status] : []));
    const courses = statuses.filter(
      ({ targetGroup }) => targetGroup === 'Ressourceforløb' || targetGroup === 'Jobafklaringsforløb',
    );
    expect(courses.length).toBeGreaterThan(0);
    expect(courses.filter(({ jobReadiness }) => jobReadiness !== 'ACTIVITY_READY')).toEqual([]);
    const withoutBenefit = statuses.filter(({ benefit }) => benefit === null);
    expect(withoutBenefit.length).toBeGreaterThan(0);
    expect(withoutBenefit.filter(({ targetGroup }) => targetGroup !== 'Kontanthjælpsmodtager')).toEqual([]);
  });

  it('keeps dates at UTC midnight, activities ending after they start, and nothing recorded after the reference date', () => {
    const activities = cohort.flatMap((part) => part.activities);
    const dates = activities.flatMap(({ startsOn, endsOn }) => (endsOn ? [startsOn, endsOn] : [startsOn]));
    expect(dates.filter((date) => !isUtcMidnight(date))).toEqual([]);
    expect(activities.filter(({ startsOn, endsOn }) => endsOn !== null && endsOn <= startsOn)).toEqual([]);
    expect(activities.filter(({ startsOn }) => startsOn > DEMO_REFERENCE_DATE)).toEqual([]);
    expect(cohort.filter(({ status }) => status !== null && status.updatedAt >= DEMO_REFERENCE_DATE)).toEqual([]);
  });

  it("lets most activities serve one of the plan's employment goals where it has one, and no other citizen's or department's goal", () => {
    const ownGoals = ({ citizen }: (typeof cohort)[number]) =>
      (citizen.plan?.goals ?? []).filter((goal) => goal.department === 'EMPLOYMENT').map((goal) => goal.id);
    const strays = cohort.filter((part) =>
      part.activities.some(({ goalId }) => goalId !== null && !ownGoals(part).includes(goalId)),
    );
    expect(strays).toEqual([]);
    const servable = cohort.filter((part) => ownGoals(part).length > 0).flatMap((part) => part.activities);
    expect(servable.filter(({ goalId }) => goalId !== null).length / servable.length).toBeCloseTo(0.7, 1);
  });
});
