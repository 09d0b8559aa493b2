import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ForwardedIdentity } from '@oneplan/protocol';
import { bearerToken } from './auth/bearer';
import { TokenRejected } from './auth/token-errors';
import type { TokenVerifier } from './auth/token-verifier';
import { internalFailure, unauthenticatedRequest } from './errors';
import type { Logger } from './logger';

/** What every subgraph call of one client operation acts as. */
export interface GatewayContext {
  identity: ForwardedIdentity;
}

/**
 * Builds the context of one client request, or refuses it before anything is
 * parsed or executed. Batching is off, so one request is one operation and gets
 * one requestId shared by all of its subgraph calls.
 */
export function contextFactory(verify: TokenVerifier, logger: Logger) {
  return async ({ headers }: { headers: IncomingHttpHeaders }): Promise<GatewayContext> => {
    const token = bearerToken(headers.authorization);
    if (!token) throw unauthenticatedRequest('A valid bearer token is required.');
    try {
      const identity = await verify(token);
      return { identity: { ...identity, requestId: randomUUID() } };
    } catch (error) {
      if (error instanceof TokenRejected) throw unauthenticatedRequest(error.message);
      logger.error({ err: error }, 'token verification keys unavailable');
      throw internalFailure();
    }
  };
}
