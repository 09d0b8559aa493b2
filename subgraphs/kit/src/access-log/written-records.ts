/** How long a request's records are remembered: longer than any request takes. */
const KEEP_MS = 60_000;
/** The most requests remembered at once; the oldest are forgotten first. */
const MAX_REQUESTS = 1_000;

/**
 * The access records each recent request has had written in this subgraph, so
 * that a request calling it more than once (the gateway comes back for a
 * `@requires` field, e.g. `me { accessLog }`) writes each record once. Keyed by
 * the request's id, which the gateway mints for every client operation and signs;
 * it must never be one a client chose, or a client could have its reads go unlogged.
 * Forgetting is always safe: a forgotten record is written again, never left out.
 */
export class WrittenRecords {
  private readonly requests = new Map<string, { since: number; records: Map<string, Promise<void>> }>();

  /** `counted` hears of every batch of records written or failed in this subgraph, for its metrics. */
  constructor(readonly counted: (outcome: 'written' | 'failed', records: number) => void = () => undefined) {}

  /** One request's records, written or being written, by what they record. */
  of(requestId: string, now = Date.now()): Map<string, Promise<void>> {
    // A Map iterates in insertion order, so the oldest requests come first.
    for (const [id, { since }] of this.requests) {
      if (this.requests.size < MAX_REQUESTS && now - since < KEEP_MS) break;
      this.requests.delete(id);
    }
    let request = this.requests.get(requestId);
    if (!request) {
      request = { since: now, records: new Map() };
      this.requests.set(requestId, request);
    }
    return request.records;
  }

  /** Waits until every record still being written has been written, or has failed. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.requests.values()].flatMap(({ records }) => [...records.values()]));
  }
}
