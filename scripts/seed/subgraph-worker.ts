import { parentPort, workerData } from 'node:worker_threads';
import { perform, type SeedOperation } from './cohort-writer';
import { openStore } from './stores';
import { seededSubgraph } from './subgraphs';
import type { WorkerData, WorkerMessage } from './subgraph-writer';

/** The worker side of subgraph-writer.ts: opens one registered subgraph's database and carries out what it is asked. */
const port = parentPort!;
const { name, location } = workerData as WorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);
const errorOf = (error: unknown) =>
  error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };

Promise.resolve()
  .then(() => openStore(seededSubgraph(name), location))
  .then(
    (store) => {
      port.on('message', (request: SeedOperation & { id: number }) => {
        perform(store, request).then(
          (value) => post({ id: request.id, ok: true, value }),
          (error: unknown) => post({ id: request.id, ok: false, error: errorOf(error) }),
        );
      });
      post({ ready: true });
    },
    (error: unknown) => post({ ready: false, error: errorOf(error) }),
  );
