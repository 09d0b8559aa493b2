import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { isShowableOperationName, tracer, tracingOn } from '@oneplan/protocol';

/**
 * The root span of a client request: every subgraph call it makes is its child,
 * in this process and, through the signed envelope, in each subgraph. A client's
 * own `traceparent` header is ignored: a trace starts at the gateway.
 */
export function requestSpan(): RequestHandler {
  return (req, res, next) => {
    if (!tracingOn()) return next();
    const span = tracer().startSpan(`${req.method} /graphql`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': '/graphql' },
    });
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/** Names the request span after its operation (`query MyPlan`), once Apollo has resolved it. */
export function operationOnSpan(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = trace.getActiveSpan();
          if (!span || !operation) return;
          // As the metrics label it: no CPR number or id may ride on a client-chosen name.
          const name = isShowableOperationName(operationName) ? operationName : undefined;
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (name) span.setAttribute('graphql.operation.name', name);
        },
      };
    },
  };
}
