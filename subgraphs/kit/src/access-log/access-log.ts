import DataLoader from 'dataloader';
import { internalError, type DataCategory, type Department, type ForwardedIdentity } from '@oneplan/protocol';
import type { Logger } from '../logger';
import { appendAccessEvents, type RawExecute } from './writes';

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
 * tick is written with one INSERT, so the log costs a constant number of
 * statements per request however many citizens it touches. If the write fails,
 * the waiting resolvers fail too: no record, no data.
 */
export class AccessLog {
  private readonly batch: DataLoader<AccessRecord, true>;

  constructor(
    private readonly identity: ForwardedIdentity | null,
    private readonly source: Department,
    database: RawExecute,
    logger: Logger,
  ) {
    this.batch = new DataLoader<AccessRecord, true>(
      async (records) => {
        try {
          await appendAccessEvents(database, records);
        } catch (error) {
          logger.error({ err: error, count: records.length }, 'access log write failed; withholding data');
          return records.map(() => internalError());
        }
        return records.map(() => true as const);
      },
      { cache: false, maxBatchSize: 1000 },
    );
  }

  async record(citizenId: string, category: DataCategory, decision: AccessRecord['decision'], purpose: string) {
    const actor = this.identity;
    await this.batch.load({
      citizenId,
      category,
      decision,
      purpose,
      source: this.source,
      actorSub: actor?.sub ?? 'anonymous',
      actorName: actor?.name ?? 'anonymous',
      actorRole: actor?.role ?? 'anonymous',
      actorDepartment: actor?.department ?? null,
    });
  }
}
