export interface BackoffPolicy {
  /** The wait before the first restart. */
  initialMs: number;
  /** The longest wait: a process that keeps crashing is still retried this often. */
  maxMs: number;
  /** A process that ran this long before crashing was healthy: its back-off starts over. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/**
 * When to restart one crashed process: exponential back-off (0.5 s, 1 s, 2 s, …,
 * at most 30 s), starting over once the process has run stably. Pure, so the
 * schedule is tested without waiting for it.
 */
export class RestartBackoff {
  private crashes = 0;

  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF) {}

  /** The wait before restarting a process that crashed after running `ranForMs`; counts the crash. */
  next(ranForMs: number): number {
    if (ranForMs >= this.policy.stableMs) this.crashes = 0;
    const delay = Math.min(this.policy.maxMs, this.policy.initialMs * 2 ** Math.min(this.crashes, 30));
    this.crashes += 1;
    return delay;
  }
}
