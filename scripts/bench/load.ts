import autocannon from 'autocannon';
import type { ProcessTimes } from './proc';
import { canonicalAnswer, type OverviewCase, type SampleAnswer } from './overview';

/** What the load generator saw in one or more rounds against one system. */
export interface LoadFigures {
  seconds: number;
  responses: number;
  /** Milliseconds, one per response, every round together. */
  latencies: number[];
  non2xx: number;
  connectionErrors: number;
  timeouts: number;
  /** 200 answers whose data or error codes differ from the sample answer. */
  wrongAnswers: number;
  /** CPU milliseconds per process (or kind of process) while the load ran. */
  cpuMs: Record<string, number>;
  /** Milliseconds each process's main thread waited for a core while the load ran. */
  waitMs: Record<string, number>;
}

/**
 * Reads each process's cumulative times, keyed `kind` or `kind:id` (ids of
 * processes that come and go, folded into their kind); called before and after
 * a round. A process that ends in between is lost, one that starts counts from
 * zero.
 */
export type TimesReader = () => Promise<Record<string, ProcessTimes>>;

export const emptyFigures = (): LoadFigures => ({
  seconds: 0,
  responses: 0,
  latencies: [],
  non2xx: 0,
  connectionErrors: 0,
  timeouts: 0,
  wrongAnswers: 0,
  cpuMs: {},
  waitMs: {},
});

export function addFigures(total: LoadFigures, round: LoadFigures): void {
  total.seconds += round.seconds;
  total.responses += round.responses;
  for (const latency of round.latencies) total.latencies.push(latency);
  total.non2xx += round.non2xx;
  total.connectionErrors += round.connectionErrors;
  total.timeouts += round.timeouts;
  total.wrongAnswers += round.wrongAnswers;
  for (const [name, cpuMs] of Object.entries(round.cpuMs)) total.cpuMs[name] = (total.cpuMs[name] ?? 0) + cpuMs;
  for (const [name, waitMs] of Object.entries(round.waitMs)) total.waitMs[name] = (total.waitMs[name] ?? 0) + waitMs;
}

/**
 * One round of `connections` concurrent clients asking plan overviews for
 * `seconds`, each client cycling over the cases.
 */
export async function loadRound(options: {
  gatewayUrl: string;
  cases: OverviewCase[];
  answers: SampleAnswer[];
  connections: number;
  seconds: number;
  readTimes: TimesReader;
}): Promise<LoadFigures> {
  const figures = emptyFigures();
  const before = await options.readTimes();
  const requests = options.cases.map((overview, index) => {
    const expected = options.answers[index]!;
    return {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${overview.token}` },
      body: overview.body,
      onResponse: (status: number, body: string) => {
        if (status === 200 && body !== expected.text && canonicalAnswer(body) !== expected.canonical) figures.wrongAnswers += 1;
      },
    };
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.gatewayUrl, connections: options.connections, duration: options.seconds, requests, timeout: 30 },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      figures.latencies.push(responseTime);
    });
  });
  figures.seconds = result.duration;
  figures.responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  figures.non2xx = result.non2xx;
  figures.connectionErrors = result.errors - result.timeouts;
  figures.timeouts = result.timeouts;
  const after = await options.readTimes();
  for (const [key, { cpuMs, waitMs }] of Object.entries(after)) {
    const kind = key.split(':')[0]!;
    figures.cpuMs[kind] = (figures.cpuMs[kind] ?? 0) + cpuMs - (before[key]?.cpuMs ?? 0);
    figures.waitMs[kind] = (figures.waitMs[kind] ?? 0) + waitMs - (before[key]?.waitMs ?? 0);
  }
  return figures;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per request, per process. */
  cpuMsPerRequest: Record<string, number>;
  /** Milliseconds per request each process's main thread waited for a core. */
  waitMsPerRequest: Record<string, number>;
}

export function summarise(figures: LoadFigures): Summary {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  const perRequest = (totals: Record<string, number>) =>
    Object.fromEntries(Object.entries(totals).map(([name, ms]) => [name, ms / figures.responses]));
  return {
    requestsPerSecond: figures.responses / figures.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuMsPerRequest: perRequest(figures.cpuMs),
    waitMsPerRequest: perRequest(figures.waitMs),
  };
}
