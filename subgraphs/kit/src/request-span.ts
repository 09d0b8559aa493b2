import type { NextFunction, Request, Response } from 'express';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceparent, tracer, tracingOn, type ForwardedIdentity } from '@oneplan/protocol';

/**
 * A signed call's span, the child of the gateway's span named by the
 * `traceparent` inside the signed envelope (never by a header), so one trace
 * runs from the gateway through each subgraph to its SQL statements.
 */
export function continueTrace(
  service: string,
  req: Request,
  res: Response,
  identity: ForwardedIdentity | null,
  next: NextFunction,
) {
  if (!identity || !tracingOn()) return next();
  const span = tracer().startSpan(
    `${service} ${req.method} ${req.path}`,
    { kind: SpanKind.SERVER, attributes: { 'oneplan.subgraph': service, 'url.path': req.path } },
    contextOfTraceparent(identity.traceparent),
  );
  res.once('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(context.active(), span), next);
}
