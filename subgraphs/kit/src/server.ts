import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Request, type Response, type NextFunction } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { subgraphTypeDefs } from './type-defs';
import {
  CONTRACT_CODES,
  ErrorCode,
  REPLAY_WINDOW_MS,
  inputMistakesRefused,
  suggestionsHidden,
  verifyRequest,
  type ForwardedIdentity,
} from '@oneplan/protocol';
import { ReplayGuard } from './replay-guard';
import { recordedBeforeAnswer } from './access-log';
import { createSubgraphMetrics, type SubgraphMetrics } from './metrics';
import { continueTrace } from './request-span';
import { loggedRequest } from './request-log';
import type { Logger } from './logger';
import type { ResolverMap } from './subgraph';

export interface AppOptions<C> {
  name: string;
  schema: GraphQLSchema;
  /** Builds the per-request context (fresh DataLoaders) for a verified caller. */
  createContext: (identity: ForwardedIdentity) => C;
  /** Answers whether the subgraph's database is reachable. */
  healthy: () => Promise<boolean>;
  logger: Logger;
  signingKey: string;
  /** Production: no introspection, no suggestions. */
  production: boolean;
  /**
   * Default 16 MB. The largest body the gateway sends is the `_entities` call
   * carrying the sealed outcomes cohort: 24 bytes a member, in base64, about
   * 3.5 MB for 100,000 plans.
   */
  maxBodyBytes?: number;
  /** Default: metrics of their own, served to anyone outside production and to no one in it. */
  metrics?: SubgraphMetrics;
}

/** A subgraph's schema from its `schema.graphql` (with the kit's shared part) and its resolvers. */
export function buildSchemaFrom(subgraph: Parameters<typeof subgraphTypeDefs>[0] & { resolvers: ResolverMap }): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(subgraph), resolvers: subgraph.resolvers as never }]);
}

export interface RunningSubgraph {
  url: string;
  port: number;
  /** Stops taking requests and waits for the access-log records still being written. */
  close(): Promise<void>;
  /** Waits for the access-log records still being written (a refusal answers before its record is in). */
  settled(): Promise<void>;
}

interface SignedLocals {
  identity: ForwardedIdentity | null;
}

function refusal(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Keeps contract-coded errors as they are and masks everything else: no stack,
 * SQL or internal message leaves a subgraph.
 */
export function maskError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CONTRACT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    logger.error({ err: error, path: formatted.path }, 'masked internal error');
    return {
      message: 'Something went wrong on our side.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The one way a oneplan subgraph is served: an Express app that answers only
 * requests the gateway signed (GraphQL and health alike; only the bare `/livez`
 * and `/readyz` probes are open, and `/metrics` to its scraper's token), then
 * Apollo Server over the subgraph's own `schema.graphql`.
 */
export async function createSubgraphApp<C extends object>(options: AppOptions<C>) {
  const key = options.signingKey;
  const replays = new ReplayGuard(REPLAY_WINDOW_MS * 2);
  const { schema } = options;
  const suggestions = suggestionsHidden(options.production);
  const metrics =
    options.metrics ??
    createSubgraphMetrics({ service: options.name, token: undefined, production: options.production, logger: options.logger });
  const apollo = new ApolloServer<C>({
    schema,
    // Apollo Server would read NODE_ENV itself, failing open on any value but `production`.
    nodeEnv: options.production ? 'production' : 'development',
    includeStacktraceInErrorResponses: false,
    formatError: maskError(options.logger),
    introspection: !options.production,
    validationOptions: suggestions.validationOptions,
    // runSubgraph stops the server and closes the database itself, then exits 0.
    stopOnTerminationSignals: false,
    // Traces would carry timings to whoever asks; the gateway reports none.
    // The gateway refuses NUL characters and dates outside the calendar first; a subgraph never lets one reach its database.
    // The answer waits for the access-log records of what it reveals, withholding what could not be recorded.
    // The metrics' plugin last, to count the answer's errors as the others leave them.
    // No schema gives cache hints, and an answer about a citizen is never cacheable: Apollo's cache-control
    // plugin would only ask each resolved field for a hint (about 1 % of a subgraph's CPU under load).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      inputMistakesRefused(),
      ...suggestions.plugins,
      recordedBeforeAnswer(),
      metrics.requests.plugin(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag: a hash of the body would fingerprint the citizen's data in a header, on answers no one caches.
  app.set('etag', false);
  // Probes for an orchestrator, before the signature check: a kubelet cannot sign. They say up or down, nothing more.
  app.get('/livez', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await options.healthy().catch(() => false);
    res.setHeader('cache-control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  // Before the signature check: a scraper cannot sign, and a request refused for its signature must count too.
  app.get('/metrics', metrics.handler);
  app.use('/graphql', metrics.requests.middleware);
  app.use(
    express.raw({ type: () => true, limit: options.maxBodyBytes ?? 16_000_000 }),
    (req: Request, res: Response<unknown, SignedLocals>, next: NextFunction) => {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = verifyRequest(key, { method: req.method, path: req.originalUrl, body, headers: req.headers });
      if (!verdict.ok || !replays.firstUse(verdict.nonce)) {
        options.logger.warn({ reason: verdict.ok ? 'replay' : verdict.reason, path: req.path }, 'refused unsigned request');
        refusal(res, 401, ErrorCode.UNAUTHENTICATED, 'This service answers only the oneplan gateway.');
        return;
      }
      res.locals.identity = verdict.identity;
      if (body.length > 0) {
        try {
          req.body = JSON.parse(body.toString('utf8'));
        } catch {
          refusal(res, 400, ErrorCode.BAD_USER_INPUT, 'The request body is not JSON.');
          return;
        }
      }
      loggedRequest(options.logger, res, verdict.identity, () => continueTrace(options.name, req, res, verdict.identity, next));
    },
  );

  app.get('/health', async (_req, res) => {
    const ok = await options.healthy().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: options.name });
  });

  app.use(
    '/graphql',
    (req: Request, res: Response<unknown, SignedLocals>, next: NextFunction) => {
      if (!res.locals.identity) {
        refusal(res, 401, ErrorCode.UNAUTHENTICATED, 'A forwarded identity is required.');
        return;
      }
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        metrics.requests.attach(res, options.createContext((res.locals as SignedLocals).identity as ForwardedIdentity)),
    }),
  );

  app.use(unreadableRequest(options.logger));
  return { app, apollo };
}

/**
 * A body that cannot be read (too large, badly encoded) fails before any
 * signature can be checked; answer it in JSON with a contract code, never with
 * Express's HTML error page and its stack.
 */
function unreadableRequest(logger: Logger): ErrorRequestHandler {
  return (error: { status?: unknown }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, 'unhandled error in the HTTP layer');
      refusal(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.');
      return;
    }
    refusal(res, status, ErrorCode.BAD_USER_INPUT, 'The request body could not be read.');
  };
}

/** Listens on `host:port` (port 0 picks a free one). */
export async function listen(
  app: ReturnType<typeof express>,
  apollo: { stop(): Promise<void> },
  port: number,
  host: string,
): Promise<Omit<RunningSubgraph, 'settled'>> {
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    url: `http://${host}:${bound}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
