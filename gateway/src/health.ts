import type { Request, Response } from 'express';
import type { Dispatcher } from 'undici';
import type { Logger } from './logger';
import type { SubgraphEndpoint } from './subgraph-calls/subgraph-urls';
import { signingFetcher } from './subgraph-calls/signing-fetcher';

export interface HealthOptions {
  subgraphs: readonly SubgraphEndpoint[];
  signingKey: string;
  timeoutMs: number;
  /** The same kept-alive connections the gateway's calls use. */
  connections: Dispatcher;
  logger: Logger;
}

type SubgraphHealth = 'ok' | 'unavailable';

/** Asks every subgraph's own signed `/health` (a subgraph answers nothing unsigned, health included). */
function subgraphsProbe(options: HealthOptions): () => Promise<Record<string, SubgraphHealth>> {
  const fetchSigned = signingFetcher({
    signingKey: options.signingKey,
    timeoutMs: options.timeoutMs,
    connections: options.connections,
    identity: () => undefined,
  });

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

  return async () => Object.fromEntries(await Promise.all(options.subgraphs.map(probe)));
}

/** `GET /health`: the gateway is healthy only when every subgraph answers its own signed `/health` with 200. */
export function healthHandler(options: HealthOptions) {
  const probeSubgraphs = subgraphsProbe(options);
  return async (_req: Request, res: Response) => {
    const subgraphs = await probeSubgraphs();
    const unavailable = Object.keys(subgraphs).filter((name) => subgraphs[name] !== 'ok');
    res.setHeader('cache-control', 'no-store');
    if (unavailable.length === 0) res.status(200).json({ status: 'ok', subgraphs });
    else res.status(503).json({ status: 'unavailable', subgraphs, unavailable });
  };
}

/** `GET /livez`, for an orchestrator: the process answers. */
export function livenessHandler() {
  return (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.status(200).json({ status: 'ok' });
  };
}

/**
 * `GET /readyz`, for an orchestrator: ready once the supergraph is loaded (createGateway resolves only then) and
 * every subgraph answers its signed `/health`. Open to anyone, so it says ok or unavailable and nothing of which.
 */
export function readinessHandler(options: HealthOptions) {
  const probeSubgraphs = subgraphsProbe(options);
  return async (_req: Request, res: Response) => {
    const ready = Object.values(await probeSubgraphs()).every((health) => health === 'ok');
    res.setHeader('cache-control', 'no-store');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable' });
  };
}
