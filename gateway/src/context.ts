import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { currentRequestId, type ForwardedIdentity, type Identity } from '@oneplan/protocol';
import { bearerToken } from './auth/bearer';
import { TokenRejected } from './auth/token-errors';
import type { TokenVerifier } from './auth/token-verifier';
import { internalFailure, unauthenticatedRequest } from './errors';
import type { CallerRateLimit } from './limits';
import type { Logger } from './logger';

/** What every subgraph call of one client operation acts as. */
export interface GatewayContext {
  identity: ForwardedIdentity;
}

/** What the context reads of the HTTP request: Express's `req`, whose `ip` follows its `trust proxy` setting. */
export interface ContextRequest {
  headers: IncomingHttpHeaders;
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined };
}

/**
 * Builds the context of one client request, or refuses it before anything is
 * parsed or executed. Batching is off, so one request is one operation and gets
 * one requestId shared by all of its subgraph calls. With a `rateLimit`, a caller
 * over its limit is refused with 429 before any subgraph is asked.
 */
export function contextFactory(verify: TokenVerifier, logger: Logger, rateLimit?: CallerRateLimit) {
  // Without a valid token a request counts against its address, so a flood of bad tokens is limited too: 429, not 401.
  const refusal = async (req: ContextRequest, message: string) => {
    await rateLimit?.admit({ address: req.ip ?? req.socket?.remoteAddress ?? 'unknown' });
    return unauthenticatedRequest(message);
  };
  return async (req: ContextRequest): Promise<GatewayContext> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw await refusal(req, 'A valid bearer token is required.');
    let verified: Identity;
    try {
      verified = await verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw await refusal(req, error.message);
      logger.error({ err: error }, 'token verification keys unavailable');
      throw internalFailure();
    }
    // The verified subject only: an unverified claim could be forged to spend someone else's allowance.
    await rateLimit?.admit({ sub: verified.sub });
    // requestId binds seals, grants and access-log records to this one request, so it is always new;
    // the client's x-request-id (which it may reuse) only labels the log lines.
    const correlationId = currentRequestId();
    return { identity: { ...verified, requestId: randomUUID(), ...(correlationId ? { correlationId } : {}) } };
  };
}
