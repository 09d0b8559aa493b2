import { SingleBar } from 'cli-progress';

/** How far the seed has got, on stderr so stdout keeps only the summary. */
export interface Progress {
  /** `done` citizens of the run's total are written. */
  update(done: number): void;
  stop(): void;
}

/**
 * A live bar when stderr is a terminal; otherwise (CI logs, redirected output)
 * one line per tenth of the work, since a redrawn bar would flood a log file.
 */
export function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'seeding [{bar}] {percentage}% | {value}/{total} citizens | {rate} citizens/s | ETA {eta_formatted}',
      etaBuffer: 20,
    });
    bar.start(total, 0, { rate: 0 });
    return {
      update: (done) => bar.update(done, { rate: rate(done) }),
      stop: () => bar.stop(),
    };
  }
  let reportedTenths = 0;
  return {
    update(done) {
      const tenths = Math.floor((done * 10) / total);
      if (tenths <= reportedTenths) return;
      reportedTenths = tenths;
      stream.write(`seeding: ${tenths * 10}% (${format(done)}/${format(total)} citizens, ${format(rate(done))} citizens/s)\n`);
    },
    stop: () => undefined,
  };
}

export const format = (n: number) => n.toLocaleString('en');
