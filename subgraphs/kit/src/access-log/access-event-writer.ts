import type { AccessRecord } from './access-log';
import { appendAccessEvents, type RawExecute } from './writes';

/** Rows per INSERT: a bound on one statement's size. */
const MAX_ROWS = 5000;

interface Part {
  records: readonly AccessRecord[];
  written(): void;
  failed(error: unknown): void;
}

/**
 * One database's access-log writer, shared by every request: a group commit.
 * A request's records are written at once when nothing else is being written;
 * records asked for while an INSERT is in flight wait for it and then go
 * together in the next one. So an idle subgraph adds no delay, and a busy one
 * commits once for many requests instead of once each — under the overview bench
 * those commits were most of what the log cost PostgreSQL.
 *
 * Each request still waits for its own records (no record, no data). When a
 * shared INSERT fails, each request's records are tried again on their own, so
 * one request's bad record withholds no other request's data.
 */
export class AccessEventWriter {
  private readonly waiting: Part[] = [];
  private writing = false;

  constructor(private readonly database: RawExecute) {}

  append(records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((written, failed) => {
      this.waiting.push({ records, written, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.nextGroup());
    } finally {
      this.writing = false;
    }
  }

  /** The waiting parts that fit one INSERT, in the order they were asked for (always at least one). */
  private nextGroup(): Part[] {
    let rows = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || rows + this.waiting[count]!.records.length <= MAX_ROWS)) {
      rows += this.waiting[count]!.records.length;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async write(group: Part[]): Promise<void> {
    try {
      await appendAccessEvents(
        this.database,
        group.flatMap((part) => part.records),
      );
      for (const part of group) part.written();
    } catch (error) {
      if (group.length === 1) {
        group[0]!.failed(error);
        return;
      }
      // One statement is atomic: nothing of the group was written. Each part on its own now, in order.
      for (const part of group) await appendAccessEvents(this.database, part.records).then(part.written, part.failed);
    }
  }
}
