import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { isRequestId, withRequestId } from '@oneplan/protocol';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Every request gets an `x-request-id`: the client's (or its proxy's) when
 * well-formed, else a new one. It is answered in the response header, written on
 * every log line of the request (see request-log-context.ts), and carried to the
 * subgraphs inside the signed envelope. A malformed one is replaced, not refused:
 * it is only a label.
 */
export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers[REQUEST_ID_HEADER];
    const requestId = isRequestId(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    withRequestId(requestId, next);
  };
}
