import { as } from '../support/signed';
import { askOutcomes, countsOf, monthFromNow, type Outcomes } from '../support/outcomes';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/**
 * An analyst who tries to single out a small group by asking many windows and
 * subtracting: every window of whole months in a year of the demo cohort (78),
 * every pair of them (3,003), every count. The demo cohort has months in which
 * only 1–4 plans started, so there are small groups to find.
 */
const MONTHS = Array.from({ length: 12 }, (_, index) => monthFromNow(index - 12));
const WINDOWS = MONTHS.flatMap((from, first) =>
  MONTHS.slice(first).map((to, length) => ({ first, last: first + length, from, to })),
);

type Window = (typeof WINDOWS)[number];

describe('outcomes against a differencing attacker', () => {
  let system: System;
  const answers = new Map<Window, Outcomes>();
  /** The true number of current plans that started in each month, as the attacker wants it. */
  let trueCohorts: number[];

  beforeAll(async () => {
    system = await startSystem();
    for (const window of WINDOWS) {
      const response = await askOutcomes(system, as.analyst(), window.from, window.to);
      expect(response.errors).toBeUndefined();
      answers.set(window, response.data!.outcomes);
    }
    const rows = await system.plan.db.prisma.$queryRawUnsafe<{ month: string; n: number }[]>(
      `SELECT to_char(date_trunc('month', "startsOn"), 'YYYY-MM-DD') AS month, count(*)::int AS n
       FROM (SELECT DISTINCT ON ("citizenId") "startsOn" FROM "Plan" ORDER BY "citizenId", "createdAt" DESC, id DESC) current
       GROUP BY 1`,
    );
    trueCohorts = MONTHS.map((month) => rows.find((row) => row.month === month)?.n ?? 0);
  }, 180_000);

  afterAll(async () => {
    await system.stop();
  });

  it('has small groups to find: months in which 1–4 plans started', () => {
    expect(trueCohorts.some((n) => n >= 1 && n <= 4)).toBe(true);
  });

  it('answers every count as 0, null or a multiple of 5, never 1–4', () => {
    for (const answer of answers.values()) {
      for (const [name, count] of countsOf(answer)) {
        expect([name, count === null || count % 5 === 0]).toEqual([name, true]);
      }
    }
  });

  it('lets no two windows, overlapping or adjacent, difference down to a group of 1–4', () => {
    const revealed: string[] = [];
    for (const [index, a] of WINDOWS.entries()) {
      const countsA = countsOf(answers.get(a)!);
      for (const b of WINDOWS.slice(index + 1)) {
        for (const [name, countB] of countsOf(answers.get(b)!)) {
          const countA = countsA.get(name);
          if (countA === null || countA === undefined || countB === null) continue;
          const difference = Math.abs(countB - countA);
          if (difference >= 1 && difference <= 4) revealed.push(`${a.from}…${a.to} vs ${b.from}…${b.to}: ${name} ${difference}`);
        }
      }
    }
    expect(revealed).toEqual([]);
  });

  it("never shows a small month's size, alone or as the difference of two windows that differ by it", () => {
    for (const [month, size] of trueCohorts.entries()) {
      if (size < 1 || size > 4) continue;
      expect(answers.get(WINDOWS.find((w) => w.first === month && w.last === month)!)!.cohort).toBeNull();
      for (const outer of WINDOWS) {
        const inner = WINDOWS.find(
          (w) =>
            (w.first === outer.first && w.last === outer.last - 1 && outer.last === month) ||
            (w.last === outer.last && w.first === outer.first + 1 && outer.first === month),
        );
        if (!inner) continue;
        const [big, small] = [answers.get(outer)!.cohort, answers.get(inner)!.cohort];
        if (big !== null && small !== null) expect(big - small).not.toBe(size);
      }
    }
  });

  it('leaves no total less its other cells equal to a lone suppressed cell', () => {
    for (const answer of answers.values()) {
      const groups = [
        answer.plansByStatus.map((row) => row.count),
        ...[0, 3, 6, 12].map((months) =>
          answer.jobReadiness.filter((row) => row.monthsAfterStart === months).map((row) => row.count),
        ),
      ];
      for (const group of groups) {
        const suppressed = group.filter((count) => count === null).length;
        const nonZero = group.filter((count) => count !== 0).length;
        // A lone suppressed cell is allowed only when it is the group's only non-zero cell: then the total is suppressed too.
        if (suppressed === 1) expect(nonZero).toBe(1);
      }
    }
  });
});
