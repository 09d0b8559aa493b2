import { Agent } from 'undici';

/**
 * The gateway's connections to its subgraphs, kept alive between calls (a new
 * TCP connection per call costs more than the call) and closed when it stops.
 * Idle ones close after 4 s, before a Node subgraph's own 5 s keep-alive would
 * close them under a request.
 */
export function subgraphConnections(): Agent {
  return new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000 });
}
