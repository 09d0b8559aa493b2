import { ROUNDING_BASE, shownCount, shownGroup, shownMedian } from '../disclosure';

describe('a count as it may be answered', () => {
  it('is 0 for none, null for 1–4, and otherwise the nearest multiple of 5, never below 5', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 147].map(shownCount)).toEqual([
      0,
      null,
      null,
      null,
      null,
      5,
      5,
      5,
      10,
      10,
      15,
      145,
    ]);
  });

  it('refuses what is not a count', () => {
    expect(() => shownCount(-1)).toThrow(RangeError);
    expect(() => shownCount(2.5)).toThrow(RangeError);
  });

  it('never lets two answers difference down to a group of 1–4, whatever the true counts', () => {
    for (let a = 0; a <= 60; a += 1) {
      for (let b = a; b <= 60; b += 1) {
        const [shownA, shownB] = [shownCount(a), shownCount(b)];
        if (shownA === null || shownB === null) continue;
        expect((shownB - shownA) % ROUNDING_BASE).toBe(0);
      }
    }
  });
});

describe('a group of counts with a known total', () => {
  it('suppresses the smallest other non-zero cell with a lone suppressed one', () => {
    expect(shownGroup([3, 40, 9, 0])).toEqual([null, 40, null, 0]);
  });

  it('leaves a group alone when none, or already two, are suppressed', () => {
    expect(shownGroup([20, 40, 0])).toEqual([20, 40, 0]);
    expect(shownGroup([2, 3, 40])).toEqual([null, null, 40]);
  });

  it('takes no zero cell as the second: then the total is the suppressed cell and is itself 1–4', () => {
    expect(shownGroup([3, 0, 0])).toEqual([null, 0, 0]);
  });

  it('never leaves a total less the other cells equal to a suppressed cell', () => {
    const cells = [0, 1, 2, 4, 5, 6, 9, 12];
    for (const a of cells)
      for (const b of cells)
        for (const c of cells) {
          const shown = shownGroup([a, b, c]);
          const total = shownCount(a + b + c);
          const hidden = shown.filter((cell) => cell === null).length;
          if (hidden === 0 || total === null) continue;
          expect(hidden).toBeGreaterThanOrEqual(2);
        }
  });
});

describe('a median', () => {
  it('is null over fewer than 5 values, else the middle (or the mean of the two middle) value', () => {
    expect(shownMedian([1, 2, 3, 4])).toBeNull();
    expect(shownMedian([9, 1, 5, 3, 7])).toBe(5);
    expect(shownMedian([1, 2, 3, 4, 5, 6])).toBe(3.5);
  });
});
