import { createGateway, devJwtConfig, type Gateway } from '@oneplan/gateway';
import { signingKeyFromEnv } from '@oneplan/protocol';
import { committedSupergraph } from '../../schema/compose';

/**
 * A gateway in production mode with no subgraph behind it, for what it serves
 * itself (pages, their refusals): its token keys are a JWKS that is never asked.
 */
export async function productionGatewayAlone(): Promise<{ gateway: Gateway; origin: string }> {
  const gateway = await createGateway({
    supergraphSdl: committedSupergraph(),
    subgraphUrls: {},
    signingKey: signingKeyFromEnv(),
    jwt: { ...devJwtConfig({}), key: { kind: 'jwks', url: 'https://idp.example/jwks' } },
    production: true,
  });
  const { url } = await gateway.start(0);
  return { gateway, origin: new URL(url).origin };
}
