import { RestartBackoff } from '../../scripts/system/restart-backoff';

describe('RestartBackoff', () => {
  it('doubles the wait from 0.5 s after each quick crash, up to 30 s', () => {
    const backoff = new RestartBackoff();

    const waits = Array.from({ length: 9 }, () => backoff.next(100));

    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over after the process ran stably for a minute', () => {
    const backoff = new RestartBackoff();
    [100, 100, 100, 100].forEach((ranForMs) => backoff.next(ranForMs));

    expect(backoff.next(60_000)).toBe(500);
    expect(backoff.next(59_999)).toBe(1_000);
  });

  it('keeps its cap however long a process keeps crashing', () => {
    const backoff = new RestartBackoff({ initialMs: 10, maxMs: 1_000, stableMs: 5_000 });

    const waits = Array.from({ length: 2_000 }, () => backoff.next(0));

    expect(waits.at(-1)).toBe(1_000);
    expect(waits.every((wait) => Number.isFinite(wait) && wait <= 1_000)).toBe(true);
  });
});
