import type { FinishedRequest } from '@oneplan/protocol';
import type { Logger } from './logger';

/**
 * One line per GraphQL request, once it is answered: its x-request-id, the
 * operation as the metrics label it (letters only, or `other`/`anonymous`, so no
 * CPR number or id rides on a client-chosen name), the outcome, HTTP status,
 * duration, and the caller's role and department — never a name, CPR number,
 * citizen id or token subject.
 */
export function requestLogLine(logger: Logger) {
  return ({ requestId, operation, outcome, status, seconds, caller }: FinishedRequest): void => {
    logger.info(
      {
        requestId,
        operation: operation ?? null,
        outcome,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        role: caller?.role ?? null,
        department: caller?.department ?? null,
      },
      'request',
    );
  };
}
