import { effortOf, optionalText, requireText } from '../input';

const CITIZEN = '11111111-1111-4111-8111-111111111111';
const GOAL = 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA';
const startsOn = new Date('2026-12-01T00:00:00Z');

/** The error `work` throws, as the client sees it. */
function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: unknown }).extensions;
  }
  throw new Error('expected a refusal');
}

const CASEWORKER = { sub: 'cw-employment-01' };

describe('an effort as a department mutation takes it', () => {
  it('carries the goal it serves, as a lower-case id, and null when none is named, and who registered it', () => {
    expect(effortOf({ citizenId: CITIZEN, startsOn, goalId: GOAL }, CASEWORKER)).toEqual({
      citizenId: CITIZEN,
      startsOn,
      endsOn: null,
      goalId: GOAL.toLowerCase(),
      registeredBy: 'cw-employment-01',
    });
    expect(effortOf({ citizenId: CITIZEN, startsOn }, CASEWORKER).goalId).toBeNull();
    expect(effortOf({ citizenId: CITIZEN, startsOn, goalId: null }, CASEWORKER).goalId).toBeNull();
  });

  it.each([['not-a-goal'], [''], [`${GOAL} `]])('refuses the goal id %j as BAD_USER_INPUT naming goalId', (goalId) => {
    expect(refusal(() => effortOf({ citizenId: CITIZEN, startsOn, goalId }, CASEWORKER))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'goalId',
    });
  });

  it('refuses an end before the start, naming endsOn', () => {
    expect(
      refusal(() => effortOf({ citizenId: CITIZEN, startsOn, endsOn: new Date('2026-11-30T00:00:00Z') }, CASEWORKER)),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
  });
});

describe('text as a mutation takes it', () => {
  it('is trimmed, and keeps tabs and line breaks', () => {
    expect(requireText('  Job\tcentre\n meeting ', 'purpose')).toBe('Job\tcentre\n meeting');
    expect(optionalText('   ', 'description')).toBeNull();
  });

  it.each([['\u0000'], ['Job\u0000centre'], ['  \u0000  ']])(
    'refuses %j, which PostgreSQL cannot store, as BAD_USER_INPUT naming the field',
    (value) => {
      expect(refusal(() => requireText(value, 'purpose'))).toEqual({ code: 'BAD_USER_INPUT', field: 'purpose' });
      expect(refusal(() => optionalText(value, 'description'))).toEqual({ code: 'BAD_USER_INPUT', field: 'description' });
    },
  );
});
