import { parseCpr, syntheticCpr } from '../cpr';

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

describe('parseCpr', () => {
  it('accepts ten digits and reads the birth date from them', () => {
    expect(parseCpr('1503861234')).toEqual({ cpr: '1503861234', birthDate: utc(1986, 3, 15) });
  });

  it('accepts the DDMMYY-SSSS form and normalises it to ten digits', () => {
    expect(parseCpr('150386-1234')).toEqual({ cpr: '1503861234', birthDate: utc(1986, 3, 15) });
  });

  it('forgives whitespace around a pasted number', () => {
    expect(parseCpr('  150386-1234\n')?.cpr).toBe('1503861234');
  });

  it('accepts numbers that fail the abolished modulus-11 check', () => {
    // 4·0+3·1+2·0+7·1+6·9+5·0+4·1+3·2+2·3+1·4 = 84, not divisible by 11.
    expect(parseCpr('0101901234')?.cpr).toBe('0101901234');
  });

  it.each([
    ['too short', '150386123'],
    ['too long', '15038612345'],
    ['a letter', '150386123a'],
    ['a space instead of the hyphen', '150386 1234'],
    ['a hyphen in the wrong place', '15038-61234'],
    ['two hyphens', '150386--1234'],
    ['nothing', ''],
    ['day 00', '0003861234'],
    ['day 32', '3201861234'],
    ['month 00', '1500861234'],
    ['month 13', '1513861234'],
    ['31 April', '3104861234'],
    ['30 February', '3002861234'],
  ])('refuses %s (%s)', (_, input) => {
    expect(parseCpr(input)).toBeNull();
  });

  // CPR-kontoret's table: two-digit years up to `upTo` fall in `century`, later ones in `otherwise`.
  it.each([
    ['0–3 → 1900s', [0, 1, 2, 3], { upTo: 99, century: 1900, otherwise: 1900 }],
    ['4 and 9 → 2000s for 00–36, 1900s for 37–99', [4, 9], { upTo: 36, century: 2000, otherwise: 1900 }],
    ['5–8 → 2000s for 00–57, 1800s for 58–99', [5, 6, 7, 8], { upTo: 57, century: 2000, otherwise: 1800 }],
  ])('places the birth in the century the 7th digit gives (%s), for every two-digit year', (_, digits, rule) => {
    const numbers = digits.flatMap((digit) =>
      Array.from({ length: 100 }, (_, yy) =>
        ['000', '999'].map((rest) => ({ cpr: `0101${String(yy).padStart(2, '0')}${digit}${rest}`, yy })),
      ).flat(),
    );

    expect(numbers.map(({ cpr }) => parseCpr(cpr)?.birthDate)).toEqual(
      numbers.map(({ yy }) => utc((yy <= rule.upTo ? rule.century : rule.otherwise) + yy, 1, 1)),
    );
  });

  it.each([
    ['2000, a leap year (digit 4)', '2902004000', utc(2000, 2, 29)],
    ['1984 (digit 0)', '2902840000', utc(1984, 2, 29)],
    ['1896 (digit 5)', '2902965000', utc(1896, 2, 29)],
    ['1900, not a leap year though 2000 was (digit 0)', '2902000000', null],
    ['1985 (digit 2)', '2902852000', null],
    ['1958 (digit 4 with 58)', '2902584000', null],
    ['2057 (digit 6)', '2902576000', null],
  ])('accepts 29 February only in a leap year: %s', (_, input, birthDate) => {
    expect(parseCpr(input)).toEqual(birthDate && { cpr: input, birthDate });
  });
});

describe('syntheticCpr', () => {
  it('gives a number that parses back to the same birth date in every year CPR can express', () => {
    for (let year = 1858; year <= 2057; year++) {
      const birthDate = utc(year, 7, 14);
      for (const serial of [0, 999, 1000, 3999]) {
        expect(parseCpr(syntheticCpr(birthDate, serial))).toEqual({ cpr: syntheticCpr(birthDate, serial), birthDate });
      }
    }
  });

  it('keeps 29 February births valid', () => {
    expect(parseCpr(syntheticCpr(utc(2000, 2, 29), 2500))?.birthDate).toEqual(utc(2000, 2, 29));
  });

  it('gives distinct numbers for distinct serials on one date', () => {
    const birthDate = utc(1930, 5, 1);
    const numbers = Array.from({ length: 4000 }, (_, serial) => syntheticCpr(birthDate, serial));
    expect(new Set(numbers).size).toBe(4000);
  });

  it('chooses a 7th digit that matches the century', () => {
    expect(syntheticCpr(utc(2005, 12, 24), 0)).toBe('2412054000');
    expect(syntheticCpr(utc(1870, 1, 2), 0)).toBe('0201705000');
    expect(syntheticCpr(utc(1990, 6, 15), 5999)).toBe('1506909999');
  });

  it('refuses serials beyond what the century rule allows for that year', () => {
    expect(() => syntheticCpr(utc(1930, 5, 1), 4000)).toThrow(RangeError);
    expect(() => syntheticCpr(utc(1990, 5, 1), 6000)).toThrow(RangeError);
    expect(() => syntheticCpr(utc(1990, 5, 1), -1)).toThrow(RangeError);
    expect(() => syntheticCpr(utc(1990, 5, 1), 1.5)).toThrow(RangeError);
  });

  it('refuses birth years CPR cannot express', () => {
    expect(() => syntheticCpr(utc(1857, 12, 31), 0)).toThrow(RangeError);
    expect(() => syntheticCpr(utc(2058, 1, 1), 0)).toThrow(RangeError);
  });
});
