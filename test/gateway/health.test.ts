import { FEDERATION_LINK, composeSupergraph, startGateway, startScriptedSubgraph, startSignedSubgraph } from './support/harness';

const planSdl = `${FEDERATION_LINK}\ntype Query { plans: String }`;
const employmentSdl = `${FEDERATION_LINK}\ntype Query { activities: String }`;

describe('GET /health', () => {
  it('answers 200 when every subgraph answers its signed /health, and 503 naming a stopped one', async () => {
    const plan = await startSignedSubgraph('plan', planSdl, {});
    const employment = await startSignedSubgraph('employment', employmentSdl, {});
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'plan', url: plan.url, typeDefs: planSdl },
        { name: 'employment', url: employment.url, typeDefs: employmentSdl },
      ]),
    });
    try {
      expect(await gateway.health()).toEqual({
        status: 200,
        body: { status: 'ok', subgraphs: { plan: 'ok', employment: 'ok' } },
      });
      expect(plan.received.map(({ method, path }) => `${method} ${path}`)).toEqual(['GET /health']);

      await employment.close();

      expect(await gateway.health()).toEqual({
        status: 503,
        body: { status: 'unavailable', subgraphs: { plan: 'ok', employment: 'unavailable' }, unavailable: ['employment'] },
      });
    } finally {
      await gateway.stop();
      await plan.close();
    }
  });

  it('counts a subgraph that answers but not 200, or too slowly, as unavailable', async () => {
    const sick = await startScriptedSubgraph(() => ({ status: 503, body: { status: 'unavailable' } }));
    const stuck = await startScriptedSubgraph(() => 'hang');
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'plan', url: sick.url, typeDefs: planSdl },
        { name: 'employment', url: stuck.url, typeDefs: employmentSdl },
      ]),
      healthTimeoutMs: 200,
    });
    try {
      expect(await gateway.health()).toEqual({
        status: 503,
        body: {
          status: 'unavailable',
          subgraphs: { plan: 'unavailable', employment: 'unavailable' },
          unavailable: ['employment', 'plan'],
        },
      });
    } finally {
      await gateway.stop();
      await sick.close();
      await stuck.close();
    }
  });
});
