import { startSubgraph } from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { FEDERATION_LINK, composeSupergraph, startGateway, startSignedSubgraph } from './support/harness';

/**
 * `/livez` and `/readyz` are what Kubernetes' probes ask (deploy/kubernetes): a kubelet
 * sends no token and cannot sign, so they answer anyone, and say up or down and nothing else.
 */
const planSdl = `${FEDERATION_LINK}\ntype Query { plans: String }`;
const employmentSdl = `${FEDERATION_LINK}\ntype Query { activities: String }`;

async function probe(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, cache: response.headers.get('cache-control'), body: await response.json() };
}

const OK = { status: 200, cache: 'no-store', body: { status: 'ok' } };
const UNAVAILABLE = { status: 503, cache: 'no-store', body: { status: 'unavailable' } };

describe('probes for an orchestrator', () => {
  it('a subgraph answers /livez and /readyz unsigned, and /readyz turns 503 when its database goes away', async () => {
    // Any subgraph: the probes are the kit's.
    const subgraph = await startSubgraph(SUBGRAPHS[0] as never, { demo: false });
    const origin = new URL(subgraph.server.url).origin;
    try {
      expect(await probe(`${origin}/livez`)).toEqual(OK);
      expect(await probe(`${origin}/readyz`)).toEqual(OK);
      // Everything else still demands the gateway's signature.
      expect((await fetch(`${origin}/health`)).status).toBe(401);
      expect((await fetch(`${origin}/readyz`, { method: 'POST' })).status).toBe(401);

      await subgraph.db.close();

      expect(await probe(`${origin}/readyz`)).toEqual(UNAVAILABLE);
      expect(await probe(`${origin}/livez`)).toEqual(OK);
    } finally {
      await subgraph.server.close();
    }
  });

  it('the gateway answers /livez and /readyz without a token, ready only while every subgraph answers its signed /health', async () => {
    const plan = await startSignedSubgraph('plan', planSdl, {});
    const employment = await startSignedSubgraph('employment', employmentSdl, {});
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'plan', url: plan.url, typeDefs: planSdl },
        { name: 'employment', url: employment.url, typeDefs: employmentSdl },
      ]),
      healthTimeoutMs: 500,
    });
    const origin = new URL(gateway.url).origin;
    try {
      expect(await probe(`${origin}/livez`)).toEqual(OK);
      expect(await probe(`${origin}/readyz`)).toEqual(OK);
      expect(plan.received.map(({ method, path }) => `${method} ${path}`)).toEqual(['GET /health']);

      await employment.close();

      // Which subgraph is down is /health's to say; the open probe names none.
      expect(await probe(`${origin}/readyz`)).toEqual(UNAVAILABLE);
      expect(await probe(`${origin}/livez`)).toEqual(OK);
    } finally {
      await gateway.stop();
      await plan.close();
    }
  });
});
