import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { inputMistakesRefused, internalError, suggestionsHidden } from '@oneplan/protocol';
import type { JwtConfig } from './auth/jwt-config';
import { createTokenVerifier } from './auth/token-verifier';
import { loggerSettingsFromEnv } from './config';
import { contextFactory, type GatewayContext } from './context';
import { crossOrigin, type AllowedOrigins } from './cors';
import { maskError } from './errors';
import { explorer } from './explorer/explorer';
import { healthHandler, livenessHandler, readinessHandler } from './health';
import { incompleteDataAsErrors } from './incomplete-data';
import {
  armorProtection,
  bodyRefusal,
  createCallerRateLimit,
  DEFAULT_LIMITS,
  jsonBody,
  queryCostLimit,
  type LimitsConfig,
  type RateLimitConfig,
} from './limits';
import { createLogger, type Logger } from './logger';
import { createGatewayMetrics } from './metrics';
import { requestIds } from './request-id';
import { requestLogLine } from './request-log';
import { operationSelection } from './operation-selection';
import { OUTCOMES_PAGE_DOCUMENTS, outcomesPage } from './outcomes-page/outcomes-page';
import { SignedSubgraphDataSource } from './subgraph-calls/signed-data-source';
import { subgraphConnections } from './subgraph-calls/subgraph-connections';
import { subgraphEndpoints } from './subgraph-calls/subgraph-urls';
import { operationOnSpan, requestSpan } from './tracing/request-span';
import { mergeTrustedDocuments, trustedDocumentsOnly, type TrustedDocuments } from './trusted-documents';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph URLs by subgraph name, replacing the supergraph's join__graph urls. */
  subgraphUrls?: Readonly<Record<string, string | undefined>>;
  /** The key shared with the subgraphs for request signing. */
  signingKey: string;
  jwt: JwtConfig;
  /** Production: no introspection, no suggestions, no query plans, no development token key. */
  production?: boolean;
  /** Per subgraph call, response body included. Default 10 000 ms. */
  subgraphTimeoutMs?: number;
  /** Per subgraph `/health` probe. Default 2 000 ms. */
  healthTimeoutMs?: number;
  limits?: Partial<LimitsConfig>;
  /** Requests per caller per second (`ONEPLAN_RATE_LIMIT_*`, defaulted by config.ts). Absent: no rate limit. */
  rateLimit?: RateLimitConfig;
  /** Express's `trust proxy` (`ONEPLAN_TRUST_PROXY`): which proxies' `X-Forwarded-For` names the client. Absent: none. */
  trustProxy?: number | string;
  /**
   * When given, only these operations execute (`ONEPLAN_TRUSTED_DOCUMENTS`, required in production by
   * config.ts), beside the gateway's own pages' documents. Absent: any operation.
   */
  trustedDocuments?: TrustedDocuments;
  /**
   * Browser pages on other origins that may call `/graphql` (`ONEPLAN_CORS_ORIGINS`, defaulted by config.ts).
   * Absent: none; a preflight is answered all the same.
   */
  cors?: AllowedOrigins;
  /**
   * The bearer token `GET /metrics` requires (`ONEPLAN_METRICS_TOKEN`). Absent: open outside production,
   * 404 in production.
   */
  metricsToken?: string;
  /** Default: a logger at the level config.ts reads from the environment, as main.ts builds it. */
  logger?: Logger;
}

export interface RunningGateway {
  /** `http://host:port/graphql` */
  url: string;
  port: number;
}

export interface Gateway {
  app: express.Express;
  start(port?: number, host?: string): Promise<RunningGateway>;
  stop(): Promise<void>;
}

/** Express's default error page shows a stack outside production; ours shows nothing. */
function lastResort(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    logger.error({ err: error }, 'unhandled error in the HTTP layer');
    const { message, extensions } = internalError();
    res.status(500).json({ errors: [{ message, extensions: { code: extensions.code } }] });
  };
}

/**
 * The one graph: an Express app serving `/graphql` (Apollo Server over Apollo
 * Gateway, every subgraph call signed), `/health`, and `/livez`/`/readyz` for an orchestrator. Resolves once the gateway
 * has loaded the supergraph; `start` then listens (port 0 picks a free one).
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const production = options.production ?? false;
  if (production && options.jwt.key.kind === 'dev-secret') {
    throw new Error('The development token secret is never accepted in production');
  }
  const logger = options.logger ?? createLogger(loggerSettingsFromEnv());
  const limits: LimitsConfig = { ...DEFAULT_LIMITS, ...options.limits };
  const subgraphs = subgraphEndpoints(options.supergraphSdl, options.subgraphUrls);
  const urlOf = new Map(subgraphs.map(({ name, url }) => [name, url]));
  const connections = subgraphConnections();
  const metrics = createGatewayMetrics({ token: options.metricsToken, production }, logger, requestLogLine(logger));

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    // Apollo Gateway would decide from NODE_ENV alone, and shows a query plan to whoever asks by header.
    __exposeQueryPlanExperimental: !production,
    buildService: ({ name, url }) =>
      new SignedSubgraphDataSource({
        name,
        url: urlOf.get(name) ?? url ?? '',
        signingKey: options.signingKey,
        timeoutMs: options.subgraphTimeoutMs ?? 10_000,
        connections,
        timeCall: metrics.subgraphCallTimer(name),
      }),
  });
  const armor = armorProtection(limits);
  const suggestions = suggestionsHidden(production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    // Apollo Server would read NODE_ENV itself, failing open on any value but `production`.
    nodeEnv: production ? 'production' : 'development',
    introspection: !production,
    validationOptions: suggestions.validationOptions,
    allowBatchedHttpRequests: false,
    // main.ts stops the gateway on SIGINT/SIGTERM and exits 0; Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // The client's mistakes first: refused as BAD_USER_INPUT before anything else looks at the operation.
    plugins: [
      operationSelection(),
      inputMistakesRefused(),
      ...armor.plugins,
      ...suggestions.plugins,
      queryCostLimit(limits),
      incompleteDataAsErrors(logger),
      operationOnSpan(),
      // Apollo's landing pages load from its CDN; outside production the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      // Last: it counts the answer's errors as the plugins before it leave them.
      metrics.requests.plugin(),
    ],
    formatError: maskError(logger),
  });
  await apollo.start();

  const rateLimit = options.rateLimit && createCallerRateLimit(options.rateLimit, options.signingKey, logger);
  const buildContext = contextFactory(createTokenVerifier(options.jwt), logger, rateLimit);
  const app = express();
  app.disable('x-powered-by');
  // No ETag: Express's is a hash of the body, so every answer would carry a fingerprint of a citizen's data in a
  // header, for answers that are never cached (no-store); it cost a hash per answer too. The explorer sets its own.
  app.set('etag', false);
  // Whose address a request is, for the per-address rate limit; unset, X-Forwarded-For is not believed.
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  // First: every answer carries its x-request-id, and every log line of the request names it.
  app.use(requestIds());
  // First on /graphql: a preflight is answered before metrics, body or token are looked at, and every later refusal
  // (401, 413, 429) still carries what a browser on an allowed origin needs to read it.
  app.all('/graphql', crossOrigin(options.cors ?? []));
  const probed = { subgraphs, signingKey: options.signingKey, timeoutMs: options.healthTimeoutMs ?? 2_000, connections, logger };
  app.get('/health', healthHandler(probed));
  app.get('/livez', livenessHandler());
  app.get('/readyz', readinessHandler(probed));
  app.get('/metrics', metrics.handler);
  app.use('/outcomes', outcomesPage({ production, jwt: options.jwt }));
  // Before /graphql's own middleware: a browser's GET gets the page, every other request passes on to Apollo.
  if (!production) app.use(explorer({ logger }));
  app.use(
    '/graphql',
    // First, so that a request refused on its token, body or document counts too.
    metrics.requests.middleware,
    requestSpan(),
    ...jsonBody(limits.maxBodyBytes),
    ...(options.trustedDocuments
      ? [trustedDocumentsOnly(mergeTrustedDocuments(options.trustedDocuments, OUTCOMES_PAGE_DOCUMENTS))]
      : []),
    expressMiddleware(apollo, { context: async ({ req, res }) => metrics.requests.attach(res, await buildContext(req)) }),
  );
  app.use(bodyRefusal, lastResort(logger));

  let server: Server | undefined;
  return {
    app,
    async start(port = 0, host = '127.0.0.1') {
      server = await new Promise<Server>((resolve, reject) => {
        const listening = app.listen(port, host, () => resolve(listening));
        listening.once('error', reject);
      });
      const address = server.address() as AddressInfo;
      return { port: address.port, url: `http://${host}:${address.port}/graphql` };
    },
    async stop() {
      const listening = server;
      server = undefined;
      // close() lets requests in flight finish and drops idle keep-alive connections.
      if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
      await apollo.stop();
      await rateLimit?.close();
      await connections.close();
    },
  };
}
