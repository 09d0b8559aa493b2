import type { Request, Response } from 'express';
import type { Logger } from './logger';
import type { SubgraphEndpoint } from './subgraph-calls/subgraph-urls';
import { signingFetcher } from './subgraph-calls/signing-fetcher';

export interface HealthOptions {
  subgraphs: readonly SubgraphEndpoint[];
  signingKey: string;
  timeoutMs: number;
  logger: Logger;
}

type SubgraphHealth = 'ok' | 'unavailable';

/**
 * `GET /health`: the gateway is healthy only when every subgraph answers its own
 * signed `/health` with 200 (a subgraph answers nothing unsigned, health included).
 */
export function healthHandler(options: HealthOptions) {
  const fetchSigned = signingFetcher({ signingKey: options.signingKey, timeoutMs: options.timeoutMs, identity: () => undefined });

  async function probe({ name, url }: SubgraphEndpoint): Promise<[string, SubgraphHealth]> {
    try {
      const response = await fetchSigned(new URL('/health', url).href, { method: 'GET' });
      await response.text();
      return [name, response.status === 200 ? 'ok' : 'unavailable'];
    } catch (error) {
      options.logger.warn({ subgraph: name, err: error }, 'subgraph health check failed');
      return [name, 'unavailable'];
    }
  }

  return async (_req: Request, res: Response) => {
    const subgraphs = Object.fromEntries(await Promise.all(options.subgraphs.map(probe)));
    const unavailable = Object.keys(subgraphs).filter((name) => subgraphs[name] !== 'ok');
    res.setHeader('cache-control', 'no-store');
    if (unavailable.length === 0) res.status(200).json({ status: 'ok', subgraphs });
    else res.status(503).json({ status: 'unavailable', subgraphs, unavailable });
  };
}
