import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { ContenderStart } from './contender';

/** Stock Apollo Gateway in Apollo Server's standalone server: what oneplan's gateway is built on, with none of its protections. */
export const startApolloGateway: ContenderStart = async ({ supergraphSdl, port }) => {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url: new URL('/graphql', url).toString(), stop: () => server.stop() };
};
