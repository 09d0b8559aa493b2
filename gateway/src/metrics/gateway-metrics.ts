import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import {
  Counter,
  Histogram,
  createMetricsRegistry,
  LATENCY_BUCKETS,
  metricsHandler,
  OperationLabels,
  RequestOutcomes,
  type FinishedRequest,
  type MetricsAccess,
  type Registry,
} from '@oneplan/protocol';
import type { Logger } from '../logger';

/** A subgraph call's outcome: answered (GraphQL errors included), timed out, or failed (HTTP error, down, unreadable). */
export type SubgraphCallOutcome = 'ok' | 'timeout' | 'error';

/** Times one subgraph call, from the request's signing to its parsed answer or failure. */
export type SubgraphCallTimer = <T>(call: () => Promise<T>) => Promise<T>;

export interface GatewayMetrics {
  registry: Registry;
  /** `GET /metrics`, for the scraper `access` admits. */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Follows each `/graphql` request: its middleware, context attachment and Apollo Server plugin. */
  requests: RequestOutcomes;
  /** The timer of the calls to subgraph `name`. */
  subgraphCallTimer(name: string): SubgraphCallTimer;
}

function callOutcome(error: unknown): SubgraphCallOutcome {
  const cause = error instanceof GraphQLError ? error.originalError : error;
  // The TimeoutError signing-fetcher.ts aborts a late call with, whether headers or body were late.
  return (cause as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'error';
}

/**
 * The gateway's metrics (contract, "Metrics"), in a registry of their own per
 * gateway: requests by operation and outcome, their latency, each subgraph
 * call's latency, and errors by code. No label holds anything a client chose but
 * an operation name that OperationLabels let through.
 */
export function createGatewayMetrics(
  access: MetricsAccess,
  logger: Logger,
  /** Told of each request once it is answered, after it is counted: the gateway's request log line. */
  onFinished: (request: FinishedRequest) => void = () => undefined,
): GatewayMetrics {
  const registry = createMetricsRegistry('gateway');
  if (access.production && !access.token) logger.warn('ONEPLAN_METRICS_TOKEN is not set: /metrics answers 404 in production');
  const requestsTotal = new Counter({
    name: 'oneplan_gateway_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok or the first error code), refused ones included.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'oneplan_gateway_request_duration_seconds',
    help: 'GraphQL request latency in seconds, from the first byte read to the last byte sent, by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subgraphCallDuration = new Histogram({
    name: 'oneplan_gateway_subgraph_call_duration_seconds',
    help: 'Gateway-to-subgraph call latency in seconds, answer body included, by subgraph and outcome (ok, timeout, error).',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errorsTotal = new Counter({
    name: 'oneplan_gateway_errors_total',
    help: 'Errors answered to clients, by contract code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  const operations = new OperationLabels();
  const finished = ({ operation, outcome, errorCodes, seconds, ...rest }: FinishedRequest) => {
    // A request refused before GraphQL resolved its operation (a token, a body, a parse error) names none we
    // could trust: its client-chosen name is not labelled, so a caller without a token cannot use up the labels.
    const label = operation === undefined ? 'unresolved' : operations.label(operation);
    requestsTotal.inc({ operation: label, outcome });
    requestDuration.observe({ operation: label }, seconds);
    for (const code of errorCodes) errorsTotal.inc({ code });
    onFinished({ operation: label === 'unresolved' ? undefined : label, outcome, errorCodes, seconds, ...rest });
  };

  return {
    registry,
    handler: metricsHandler(registry, access),
    requests: new RequestOutcomes(finished),
    subgraphCallTimer(name) {
      return async (call) => {
        const end = subgraphCallDuration.startTimer({ subgraph: name });
        try {
          const result = await call();
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: callOutcome(error) });
          throw error;
        }
      };
    },
  };
}
