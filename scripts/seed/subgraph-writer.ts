import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseLocation, TableCounts } from '@oneplan/kit';
import type { CohortWriter, SeedOperation } from './cohort-writer';

/** What the worker is started with: the registered subgraph's name, and where its database is. */
export interface WorkerData {
  name: string;
  location: DatabaseLocation;
}

interface WorkerError {
  message: string;
  stack?: string | undefined;
}

export type WorkerMessage =
  | { ready: true }
  | { ready: false; error: WorkerError }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkerError };

// Node 20 loads a worker's entry before tsx's inherited loader hooks apply, so the worker
// registers tsx's CommonJS hook itself and then requires its TypeScript entry. The worker
// inherits the process's execArgv, --conditions=@oneplan/source included (see tsconfig.json).
const WORKER_BOOTSTRAP = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(join(__dirname, 'subgraph-worker.ts'))});`;

/** An error raised in the worker, keeping the worker's stack for DEBUG. */
function revive(error: WorkerError): Error {
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/**
 * One subgraph's database opened in a worker thread (subgraph-worker.ts), so that
 * its writes use a core of their own: Prisma's per-row work and PGlite's WASM run
 * on the thread that calls them. Requests run one at a time, in order.
 */
export class SubgraphWriter implements CohortWriter {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (message: WorkerMessage) => {
      if (!('id' in message)) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(revive(message.error));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      this.exited = true;
      failAll(new Error(`the ${name} worker stopped (exit code ${code})`));
    });
  }

  /** Starts the worker and waits until it has opened (and migrated) its database. */
  static start(name: string, location: DatabaseLocation): Promise<SubgraphWriter> {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { name, location } satisfies WorkerData });
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (!('ready' in message)) return;
        worker.off('message', onMessage).off('error', reject);
        if (message.ready) resolve(new SubgraphWriter(name, worker));
        else void worker.terminate().finally(() => reject(revive(message.error)));
      };
      worker.on('message', onMessage).once('error', reject);
    });
  }

  write(from: number, to: number): Promise<TableCounts> {
    return this.request({ op: 'write', from, to }) as Promise<TableCounts>;
  }

  countCitizens(): Promise<number> {
    return this.request({ op: 'count' }) as Promise<number>;
  }

  discardLeftovers(held: number): Promise<number> {
    return this.request({ op: 'discard-leftovers', held }) as Promise<number>;
  }

  /** Closes the database after any request already queued, then stops the worker. */
  async close(): Promise<void> {
    try {
      if (!this.exited) await this.request({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private request(operation: SeedOperation): Promise<unknown> {
    const send = () => {
      if (this.exited) return Promise.reject(new Error(`the ${this.name} worker has stopped`));
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage({ ...operation, id });
      });
    };
    const result = this.queue.then(send, send);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
