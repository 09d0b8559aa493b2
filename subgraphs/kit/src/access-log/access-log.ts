import DataLoader from 'dataloader';
import { internalError, type DataCategory, type Department, type ForwardedIdentity } from '@oneplan/protocol';
import type { Logger } from '../logger';
import type { AccessEventWriter } from './access-event-writer';
import type { WrittenRecords } from './written-records';

/** Where a field's value sits in an answer: its response keys and list indexes from the root. */
export type ResponsePath = readonly (string | number)[];

/** One row of the access log, as every subgraph stores it. */
export interface AccessRecord {
  citizenId: string;
  actorSub: string;
  actorName: string;
  actorRole: string;
  actorDepartment: Department | null;
  category: DataCategory;
  purpose: string;
  decision: 'ALLOWED' | 'DENIED';
  source: Department;
}

/**
 * Records reads and denials before any data leaves. Every record asked for in one
 * tick is written with one INSERT (shared with other requests' records by the
 * subgraph's AccessEventWriter), so the log costs a constant number of
 * statements per request however many citizens it touches. If the write fails,
 * the resolvers waiting for it fail too, or, for a record the answer waits for
 * (`recordBeforeAnswer`), the answer withholds the field: no record, no data. A
 * record the request has already had written (the same citizen, category,
 * decision and purpose) is not written again, so two paths to one citizen leave
 * one entry.
 */
export class AccessLog {
  private readonly batch: DataLoader<AccessRecord, true>;
  private readonly written: Map<string, Promise<void>>;
  private readonly beforeAnswer: { path: ResponsePath; written: Promise<void> }[] = [];
  private answerWaits = false;

  constructor(
    private readonly identity: ForwardedIdentity | null,
    private readonly source: Department,
    writer: AccessEventWriter,
    logger: Logger,
    writtenRecords: WrittenRecords,
  ) {
    this.written = identity ? writtenRecords.of(identity.requestId) : new Map();
    this.batch = new DataLoader<AccessRecord, true>(
      async (records) => {
        try {
          await writer.append(records);
        } catch (error) {
          logger.error({ err: error, count: records.length }, 'access log write failed; withholding data');
          writtenRecords.counted('failed', records.length);
          return records.map(() => internalError());
        }
        writtenRecords.counted('written', records.length);
        return records.map(() => true as const);
      },
      { cache: false, maxBatchSize: 1000 },
    );
  }

  /**
   * Whether the answer waits for this request's records (`recordBeforeAnswer`):
   * the kit's server says so for every request (`recordedBeforeAnswer`); anywhere
   * else, each read waits for its own record.
   */
  get holdsAnswer(): boolean {
    return this.answerWaits;
  }

  holdAnswer(): void {
    this.answerWaits = true;
  }

  /**
   * Records a read whose data the answer carries at `path` and below, without
   * making the field wait: its children are read while the record is written,
   * and the answer waits for it instead (`unrecordedPaths`). Only where the
   * answer waits (`holdsAnswer`).
   */
  recordBeforeAnswer(
    path: ResponsePath,
    citizenId: string,
    category: DataCategory,
    decision: AccessRecord['decision'],
    purpose: string,
  ): void {
    if (!this.answerWaits) throw new Error('recordBeforeAnswer needs an answer that waits for its records');
    this.beforeAnswer.push({ path, written: this.record(citizenId, category, decision, purpose) });
  }

  /** Once every record the answer waits for is written or has failed: where the answer must carry nothing. */
  async unrecordedPaths(): Promise<ResponsePath[]> {
    const outcomes = await Promise.allSettled(this.beforeAnswer.map(({ written }) => written));
    return this.beforeAnswer.filter((_, i) => outcomes[i]!.status === 'rejected').map(({ path }) => path);
  }

  record(citizenId: string, category: DataCategory, decision: AccessRecord['decision'], purpose: string): Promise<void> {
    const actor = this.identity;
    // One request has one actor and this subgraph one source; the actor is in the key all the same.
    const key = JSON.stringify([actor?.sub, citizenId, category, decision, purpose]);
    const known = this.written.get(key);
    if (known) return known;
    const writing = this.batch
      .load({
        citizenId,
        category,
        decision,
        purpose,
        source: this.source,
        actorSub: actor?.sub ?? 'anonymous',
        actorName: actor?.name ?? 'anonymous',
        actorRole: actor?.role ?? 'anonymous',
        actorDepartment: actor?.department ?? null,
      })
      .then(() => undefined);
    this.written.set(key, writing);
    // A record that failed is not written: a later read must try again.
    writing.catch(() => {
      if (this.written.get(key) === writing) this.written.delete(key);
    });
    return writing;
  }
}
