/**
 * Remembers each signature nonce until its replay window has passed, so a
 * captured request cannot be sent again. Entries expire in insertion order,
 * which lets a plain Map serve as the queue (lru-cache weighed: its TTL timers
 * add nothing a time-ordered sweep does not already give).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** True the first time a nonce is seen; false for every replay. */
  firstUse(nonce: string, now = Date.now()): boolean {
    for (const [old, at] of this.seen) {
      // Kept through the last millisecond its timestamp could still be accepted.
      if (now - at <= this.ttlMs) break;
      this.seen.delete(old);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}
