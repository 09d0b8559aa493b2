import { DEPARTMENTS, type Department } from '@oneplan/protocol';
import { parseCpr } from '../cpr';
import {
  DEMO_REFERENCE_DATE,
  DEMO_SEED,
  MAX_GOALS_PER_DEPARTMENT,
  demoCitizen,
  demoCohort,
  demoEffortGoals,
  type DemoCitizen,
  type DemoRandom,
} from '../demo';
import { DEMO_ID_KINDS, type DemoRecordKind } from '../demo/ids';
import { demoCpr } from '../demo/identity';

const COHORT_SIZE = 20_000;
const cohort: DemoCitizen[] = Array.from(demoCohort(COHORT_SIZE));
const share = (predicate: (citizen: DemoCitizen) => boolean) => cohort.filter(predicate).length / COHORT_SIZE;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RECORD_KINDS = DEMO_ID_KINDS.filter((kind): kind is DemoRecordKind => kind !== 'citizen');
const draws = (random: DemoRandom, count = 5) => Array.from({ length: count }, () => random.next());

describe('demo cohort determinism', () => {
  it('gives the same citizen for the same index every time', () => {
    expect(demoCitizen(42)).toEqual(demoCitizen(42));
    expect(draws(demoCitizen(42).random('health'))).toEqual(draws(demoCitizen(42).random('health')));
  });

  it('gives citizen 7 the same data and streams whether made alone or within a cohort of 150', () => {
    const inCohort = Array.from(demoCohort(150))[7]!;
    expect(inCohort).toEqual(demoCitizen(7));
    expect(draws(inCohort.random('social'))).toEqual(draws(demoCitizen(7).random('social')));
  });

  it('uses DEMO_SEED when no seed is given, and another seed gives other people', () => {
    expect(demoCitizen(3)).toEqual(demoCitizen(3, DEMO_SEED));
    const other = demoCitizen(3, DEMO_SEED + 1);
    expect(other.id).not.toBe(demoCitizen(3).id);
    expect(other.cpr).not.toBe(demoCitizen(3).cpr);
    expect(draws(other.random('plan'))).not.toEqual(draws(demoCitizen(3).random('plan')));
  });

  it('gives each part its own stream, fresh on every call, whatever the part is called', () => {
    const citizen = demoCitizen(11);
    const employment = citizen.random('employment');
    draws(employment, 100);
    draws(citizen.random('a department yet to come'), 100);
    expect(draws(citizen.random('employment'))).toEqual(draws(demoCitizen(11).random('employment')));
    expect(draws(citizen.random('employment'))).not.toEqual(draws(citizen.random('social')));
    expect(draws(citizen.random('employment'))).not.toEqual(draws(demoCitizen(12).random('employment')));
  });

  it('reproduces a known citizen exactly, so separately seeded databases agree across releases', () => {
    const citizen = demoCitizen(0);
    expect({
      id: citizen.id,
      cpr: citizen.cpr,
      name: citizen.name,
      birthDate: citizen.birthDate.toISOString(),
      meets: citizen.meets,
      planId: citizen.mint('plan', 0),
      firstDraw: citizen.random('employment').next(),
    }).toEqual({
      id: '186fdc27-635b-42fd-95e6-630200595d1f',
      cpr: '2309862248',
      name: 'Julie Olsen',
      birthDate: '1986-09-23T00:00:00.000Z',
      meets: ['SOCIAL'],
      planId: 'c6beca37-ccf0-43fd-a0c5-555e99ae2bcf',
      firstDraw: 0.4274812850635499,
    });
  });
});

describe('demo cohort identity', () => {
  it(`gives every id a UUID form and no id twice across ${COHORT_SIZE} citizens and every kind of record`, () => {
    const ids = cohort.flatMap((citizen) => [
      citizen.id,
      ...RECORD_KINDS.flatMap((kind) => [0, 1, 2, 255].map((ordinal) => citizen.mint(kind, ordinal))),
    ]);
    expect(ids.filter((id) => !UUID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('mints at most 256 records of a kind per citizen, refusing an ordinal it cannot keep unique', () => {
    expect(() => demoCitizen(0).mint('goal', 256)).toThrow(RangeError);
  });

  it(`gives no CPR twice across ${COHORT_SIZE} citizens`, () => {
    expect(new Set(cohort.map((citizen) => citizen.cpr)).size).toBe(COHORT_SIZE);
  });

  it('keeps CPRs unique across 200,000 indexes', () => {
    const numbers = new Set<string>();
    for (let index = 0; index < 200_000; index++) numbers.add(demoCpr(DEMO_SEED, index).cpr);
    expect(numbers.size).toBe(200_000);
  });

  it('gives every citizen a CPR that parses to their birth date, for someone aged 18 to 63 on the reference date', () => {
    const reference = DEMO_REFERENCE_DATE;
    const ages = cohort.map((citizen) => {
      const born = parseCpr(citizen.cpr)?.birthDate;
      if (!born) throw new Error(`demo CPR ${citizen.cpr} does not parse`);
      if (born.getTime() !== citizen.birthDate.getTime())
        throw new Error(`${citizen.cpr} is not born ${citizen.birthDate.toISOString()}`);
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

describe('whom the demo cohort meets', () => {
  it('lets about 80% meet the jobcenter, 65% the social department and 80% health', () => {
    const meeting = (department: Department) => share((citizen) => citizen.meets.includes(department));
    expect(meeting('EMPLOYMENT')).toBeGreaterThan(0.78);
    expect(meeting('EMPLOYMENT')).toBeLessThan(0.82);
    expect(meeting('SOCIAL')).toBeGreaterThan(0.63);
    expect(meeting('SOCIAL')).toBeLessThan(0.67);
    expect(meeting('HEALTH')).toBeGreaterThan(0.78);
    expect(meeting('HEALTH')).toBeLessThan(0.82);
  });

  it('names only the three departments, each once and in the contract order, never the coordination unit', () => {
    const order = (citizen: DemoCitizen) => DEPARTMENTS.filter((department) => citizen.meets.includes(department));
    expect(cohort.filter((citizen) => citizen.meets.includes('COORDINATION'))).toEqual([]);
    expect(cohort.filter((citizen) => JSON.stringify(citizen.meets) !== JSON.stringify(order(citizen)))).toEqual([]);
  });

  it('meets every combination of departments, most citizens two or more, and few only the coordinator', () => {
    expect(new Set(cohort.map((citizen) => citizen.meets.join('+'))).size).toBe(8);
    expect(share((citizen) => citizen.meets.length >= 2)).toBeGreaterThan(0.75);
    expect(share((citizen) => citizen.meets.length === 0)).toBeLessThan(0.03);
  });
});

describe("the outline of the demo cohort's plans", () => {
  const outlines = cohort.flatMap((citizen) => (citizen.plan ? [{ citizen, goals: citizen.plan.goals }] : []));

  it('gives about 85% a plan of 2–5 goals, and uses each size', () => {
    expect(outlines.length / COHORT_SIZE).toBeCloseTo(0.85, 1);
    expect([...new Set(outlines.map(({ goals }) => goals.length))].sort()).toEqual([2, 3, 4, 5]);
  });

  it(`sets goals for the departments the citizen meets and the coordination unit only, at most ${MAX_GOALS_PER_DEPARTMENT} each`, () => {
    const strays = outlines.filter(({ citizen, goals }) => {
      const met = new Set([...citizen.meets, 'COORDINATION']);
      const count = (department: Department) => goals.filter((goal) => goal.department === department).length;
      return goals.some((goal) => !met.has(goal.department) || count(goal.department) > MAX_GOALS_PER_DEPARTMENT);
    });
    expect(strays).toEqual([]);
    expect(new Set(outlines.flatMap(({ goals }) => goals.map((goal) => goal.department)))).toEqual(new Set(DEPARTMENTS));
  });

  it('mints the goal ids from the citizen, in order', () => {
    expect(
      outlines.filter(({ citizen, goals }) => goals.some((goal, ordinal) => goal.id !== citizen.mint('goal', ordinal))),
    ).toEqual([]);
  });
});

describe('which goals the demo efforts serve', () => {
  const EFFORTS = 3;
  const links = cohort.flatMap((citizen) =>
    (['EMPLOYMENT', 'SOCIAL', 'HEALTH'] as const).map((department) => ({
      department,
      own: (citizen.plan?.goals ?? []).filter((goal) => goal.department === department).map((goal) => goal.id),
      served: demoEffortGoals(citizen, department, EFFORTS),
    })),
  );

  it("links an effort only to one of its own department's goals, and none where the plan has no such goal", () => {
    expect(links.filter(({ own, served }) => served.some((goal) => goal !== null && !own.includes(goal)))).toEqual([]);
    expect(links.filter(({ own, served }) => own.length === 0 && served.some((goal) => goal !== null))).toEqual([]);
  });

  it("links about 70% of a department's efforts where the plan has goals of the department", () => {
    const served = links.filter(({ own }) => own.length > 0).flatMap((link) => link.served);
    expect(served.filter((goal) => goal !== null).length / served.length).toBeCloseTo(0.7, 1);
  });

  it('draws the links from a stream of its own: the same citizen always gets the same', () => {
    const citizen = demoCitizen(42);
    expect(demoEffortGoals(citizen, 'HEALTH', 5)).toEqual(demoEffortGoals(demoCitizen(42), 'HEALTH', 5));
  });
});
