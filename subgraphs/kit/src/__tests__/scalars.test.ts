import { Kind } from 'graphql';
import { scalarResolvers } from '../scalars';

const { Date: DateScalar, DateTime: DateTimeScalar } = scalarResolvers;

/** The message a scalar refuses `work` with. */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('the Date and DateTime a subgraph takes', () => {
  it.each([['1900-01-01'], ['2026-11-22'], ['2200-12-31']])('takes the Date %s, as a variable and as a literal', (day) => {
    const midnight = new Date(`${day}T00:00:00Z`);

    expect(DateScalar.parseValue(day)).toEqual(midnight);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: day })).toEqual(midnight);
  });

  it.each([['0000-01-01'], ['1899-12-31'], ['2201-01-01'], ['9999-12-31']])('refuses the Date %s, outside 1900–2200', (day) => {
    const message = `Date cannot represent "${day}": the year must be from 1900 to 2200.`;

    expect(refusal(() => DateScalar.parseValue(day))).toBe(message);
    expect(refusal(() => DateScalar.parseLiteral({ kind: Kind.STRING, value: day }))).toBe(message);
  });

  it('refuses an impossible Date, as graphql-scalars does', () => {
    expect(refusal(() => DateScalar.parseValue('2026-02-30'))).toBe('Date cannot represent an invalid date-string 2026-02-30.');
  });

  it('takes a DateTime with an offset, by the year written', () => {
    expect(DateTimeScalar.parseValue('2200-12-31T23:30:00-05:00')).toEqual(new Date('2201-01-01T04:30:00Z'));
    expect(DateTimeScalar.parseValue('1900-01-01T00:30:00+01:00')).toEqual(new Date('1899-12-31T23:30:00Z'));
  });

  it.each([['0000-01-01T00:00:00Z'], ['2201-01-01T00:00:00Z'], ['1899-12-31T23:59:59+00:00']])(
    'refuses the DateTime %s, outside 1900–2200',
    (at) => {
      const message = `DateTime cannot represent "${at}": the year must be from 1900 to 2200.`;

      expect(refusal(() => DateTimeScalar.parseValue(at))).toBe(message);
      expect(refusal(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: at }))).toBe(message);
    },
  );

  it('still answers dates as the contract writes them', () => {
    expect(DateScalar.serialize(new Date('2026-11-22T00:00:00Z'))).toBe('2026-11-22');
  });
});
