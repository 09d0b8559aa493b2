import type { Response } from 'express';
import { withRequestId, type ForwardedIdentity } from '@oneplan/protocol';
import type { Logger } from './logger';

/**
 * Runs a signed call under its request's id — the client's `x-request-id` from
 * the signed envelope — so every log line written while serving it names the
 * id, and writes one line when it is answered: status, duration, and the
 * caller's role and department, never a name or id. Calls for no one (the
 * gateway's health checks) are not logged.
 */
export function loggedRequest(logger: Logger, res: Response, identity: ForwardedIdentity | null, serve: () => void): void {
  if (!identity) return serve();
  const requestId = identity.correlationId ?? identity.requestId;
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    logger.info(
      {
        requestId,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 100_000) / 10,
        role: identity.role,
        department: identity.department ?? null,
      },
      'request',
    );
  });
  withRequestId(requestId, serve);
}
