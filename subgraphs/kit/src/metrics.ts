import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Counter,
  Histogram,
  createMetricsRegistry,
  LATENCY_BUCKETS,
  metricsHandler,
  RequestOutcomes,
  type FinishedRequest,
  type MetricsAccess,
  type Registry,
} from '@oneplan/protocol';
import type { Logger } from './logger';

/** What became of access-log records handed to the database: written, or failed (and their data withheld). */
export type AccessLogWriteOutcome = 'written' | 'failed';

export interface SubgraphMetrics {
  registry: Registry;
  /** `GET /metrics`, for the scraper `access` admits. */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Follows each `/graphql` request: its middleware, context attachment and Apollo Server plugin. */
  requests: RequestOutcomes;
  /** Counts `records` access-log records as written or failed. */
  accessLogWrites(outcome: AccessLogWriteOutcome, records: number): void;
  /** Reports the database's running count of SQL statements (Database.statementCount) at each scrape. */
  countStatements(statementCount: () => number): void;
}

export interface SubgraphMetricsOptions extends MetricsAccess {
  /** The subgraph's name: the `service` label. */
  service: string;
  logger: Logger;
}

/**
 * A subgraph's metrics (contract, "Metrics"), in a registry of their own per
 * subgraph instance: requests by outcome, their latency, errors by code,
 * access-log writes and failures, and SQL statements. No label holds anything a
 * request carried.
 */
export function createSubgraphMetrics(options: SubgraphMetricsOptions): SubgraphMetrics {
  const registry = createMetricsRegistry(options.service);
  if (options.production && !options.token) {
    options.logger.warn('ONEPLAN_METRICS_TOKEN is not set: /metrics answers 404 in production');
  }
  const requestsTotal = new Counter({
    name: 'oneplan_subgraph_requests_total',
    help: 'GraphQL requests by outcome (ok or the first error code), those refused for their signature included.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'oneplan_subgraph_request_duration_seconds',
    help: 'GraphQL request latency in seconds, from the first byte read to the last byte sent.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errorsTotal = new Counter({
    name: 'oneplan_subgraph_errors_total',
    help: 'Errors answered to the gateway, by contract code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const accessLogWritesTotal = new Counter({
    name: 'oneplan_access_log_writes_total',
    help: 'Access-log records by outcome: written, or failed, in which case the data they recorded was withheld.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Zero from the start, so that an alert on failures has a series before the first one.
  accessLogWritesTotal.inc({ outcome: 'written' }, 0);
  accessLogWritesTotal.inc({ outcome: 'failed' }, 0);

  const finished = ({ outcome, errorCodes, seconds }: FinishedRequest) => {
    requestsTotal.inc({ outcome });
    requestDuration.observe(seconds);
    for (const code of errorCodes) errorsTotal.inc({ code });
  };

  return {
    registry,
    handler: metricsHandler(registry, options),
    requests: new RequestOutcomes(finished),
    accessLogWrites(outcome, records) {
      accessLogWritesTotal.inc({ outcome }, records);
    },
    countStatements(statementCount) {
      let reported = 0;
      new Counter({
        name: 'oneplan_db_statements_total',
        help: 'SQL statements the subgraph ran on its database (Prisma query events).',
        registers: [registry],
        // The database counts on its own; each scrape adds what it counted since the last.
        collect() {
          const now = statementCount();
          this.inc(now - reported);
          reported = now;
        },
      });
    },
  };
}
