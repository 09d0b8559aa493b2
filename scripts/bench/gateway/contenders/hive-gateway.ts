import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContenderStart } from './contender';
// Node 20 lacks Promise.withResolvers, which the runtime's dependencies call: before the runtime loads.
import './promise-with-resolvers';

/**
 * Hive Gateway's runtime (the engine of `@graphql-hive/gateway`, without its CLI's
 * forking into one process per core, so that each gateway here is one process) as
 * shipped: it shares one subgraph call among identical ones in flight
 * (`deduplicateInflightRequests`). `sharedSubgraphCalls: false` turns that off, the
 * comparison oneplan can fairly enter: its answers depend on the caller's consents.
 */
export function hiveGatewayStart(sharedSubgraphCalls: boolean): ContenderStart {
  return async ({ supergraphSdl, port }) => {
    const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
    const runtime = createGatewayRuntime({
      supergraph: supergraphSdl,
      logging: 'error',
      ...(sharedSubgraphCalls ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
    });
    // The runtime is a node:http request listener that answers through its own promise.
    const server = createServer((req, res) => void runtime(req, res));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
      stop: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await runtime.dispose();
      },
    };
  };
}
