import type { GatewayOptions } from '@oneplan/gateway';
import { composeSupergraph, startGateway, startScriptedSubgraph, type ReceivedRequest, type ScriptedAnswer } from './harness';

export type ScriptedSubgraph = Awaited<ReturnType<typeof startScriptedSubgraph>>;
export type TestGateway = Awaited<ReturnType<typeof startGateway>>;

/**
 * A gateway over a single scripted subgraph named `plan` with the given schema: the
 * smallest supergraph a gateway test can ask. `stop` ends both, gateway first.
 */
export async function startGatewayOverScriptedPlan(
  typeDefs: string,
  answer: (request: ReceivedRequest) => ScriptedAnswer,
  options: Partial<GatewayOptions> = {},
) {
  const subgraph = await startScriptedSubgraph(answer);
  const supergraphSdl = composeSupergraph([{ name: 'plan', url: subgraph.url, typeDefs }]);
  const gateway = await startGateway({ supergraphSdl, ...options });
  return {
    subgraph,
    gateway,
    supergraphSdl,
    async stop() {
      await gateway.stop();
      await subgraph.close();
    },
  };
}
