import autocannon from 'autocannon';
import { processCpuMs, residentMemoryMb } from '../proc';

/** What one gateway did under load, over one or more rounds. */
export interface GatewayFigures {
  seconds: number;
  responses: number;
  latencies: number[];
  /** Non-2xx answers, connection errors and timeouts. */
  failures: number;
  /** 200 answers whose data differs from the answer every gateway gave first. */
  wrongAnswers: number;
  cpuMs: number;
  /** Resident memory sampled every half second while the load ran, MB. */
  rssMb: number[];
}

export const emptyGatewayFigures = (): GatewayFigures => ({
  seconds: 0,
  responses: 0,
  latencies: [],
  failures: 0,
  wrongAnswers: 0,
  cpuMs: 0,
  rssMb: [],
});

export function addGatewayFigures(total: GatewayFigures, round: GatewayFigures): void {
  total.seconds += round.seconds;
  total.responses += round.responses;
  for (const latency of round.latencies) total.latencies.push(latency);
  total.failures += round.failures;
  total.wrongAnswers += round.wrongAnswers;
  total.cpuMs += round.cpuMs;
  total.rssMb.push(...round.rssMb);
}

/** `connections` clients sending the one request for `seconds`, every answer checked against `expectedData`. */
export async function gatewayLoadRound(options: {
  url: string;
  pid: number;
  headers: Record<string, string>;
  body: string;
  expectedData: string;
  connections: number;
  seconds: number;
}): Promise<GatewayFigures> {
  const figures = emptyGatewayFigures();
  // A gateway answers the same bytes each time: parse a text only the first time it is seen.
  const rightTexts = new Set<string>();
  const sampler = setInterval(() => figures.rssMb.push(residentMemoryMb(options.pid).now), 500);
  const cpuBefore = processCpuMs(options.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...options.headers },
            body: options.body,
            onResponse: (status: number, body: string) => {
              if (status !== 200 || rightTexts.has(body)) return;
              const answer = JSON.parse(body) as { data?: unknown; errors?: unknown };
              if (answer.errors === undefined && JSON.stringify(answer.data) === options.expectedData) rightTexts.add(body);
              else figures.wrongAnswers += 1;
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => figures.latencies.push(responseTime));
  });
  clearInterval(sampler);
  figures.cpuMs = processCpuMs(options.pid) - cpuBefore;
  figures.seconds = result.duration;
  figures.responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  figures.failures = result.non2xx + result.errors;
  return figures;
}
