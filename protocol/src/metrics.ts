import { currentRequestId } from './request-log-context';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { CONTRACT_CODES, ErrorCode } from './errors';
import { isProduction } from './mode';
import { secretWeakness } from './secret-strength';

/**
 * Prometheus metrics as every oneplan service serves them (contract, "Metrics"):
 * a registry per service instance, who may scrape it, and labels that can carry
 * no personal data. What each service counts is its own (gateway/src/metrics,
 * the kit's metrics.ts).
 */

// The services count through this package, which owns the dependency on prom-client.
export { Counter, Histogram, type Registry } from 'prom-client';

export const METRICS_TOKEN_VARIABLE = 'ONEPLAN_METRICS_TOKEN';

/**
 * A fresh registry with prom-client's default process metrics and the service's
 * name on every series. Never prom-client's global registry: tests run the
 * gateway and the four subgraphs in one process, each with its own numbers.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The scraper's token, from `ONEPLAN_METRICS_TOKEN`. In production it must be as
 * strong as a signing key, since it is the only lock on the endpoint; unset, the
 * endpoint is hidden there (see metricsVerdict). Errors name the variable, never the token.
 */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env[METRICS_TOKEN_VARIABLE] || undefined;
  if (token && isProduction(env)) {
    const weakness = secretWeakness(token);
    if (weakness) {
      throw new Error(
        `${METRICS_TOKEN_VARIABLE} is too weak for production: ${weakness}; generate one with \`openssl rand -base64 48\``,
      );
    }
  }
  return token;
}

export interface MetricsAccess {
  /** The token a scraper must present as `Authorization: Bearer <token>`; absent: see metricsVerdict. */
  token: string | undefined;
  production: boolean;
}

/** `serve`: 200 with the metrics; `unauthorized`: 401; `hidden`: 404. */
export type MetricsVerdict = 'serve' | 'unauthorized' | 'hidden';

const BEARER = /^Bearer +(\S+) *$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Who may scrape. A configured token is always required, in any mode. Without
 * one, outside production anyone may (a developer's own machine); in production
 * nobody may, and the endpoint answers 404 rather than 401: no credential could
 * open it, so a challenge would only tell a prober that something is there. The
 * token is compared over SHA-256 digests in constant time, so neither its length
 * nor its characters leak through timing.
 */
export function metricsVerdict(access: MetricsAccess, authorization: string | undefined): MetricsVerdict {
  if (!access.token) return access.production ? 'hidden' : 'serve';
  const presented = BEARER.exec(authorization ?? '')?.[1];
  if (presented === undefined) return 'unauthorized';
  return timingSafeEqual(digest(presented), digest(access.token)) ? 'serve' : 'unauthorized';
}

/**
 * `GET /metrics` over Node's own request and response (Express's are both), so
 * the gateway and every subgraph serve it the same way. A refusal has no body.
 */
export function metricsHandler(registry: Registry, access: MetricsAccess) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = metricsVerdict(access, req.headers.authorization);
    res.setHeader('cache-control', 'no-store');
    if (verdict !== 'serve') {
      res.statusCode = verdict === 'hidden' ? 404 : 401;
      if (verdict === 'unauthorized') res.setHeader('www-authenticate', 'Bearer');
      res.end();
      return;
    }
    const text = await registry.metrics();
    res.statusCode = 200;
    res.setHeader('content-type', registry.contentType);
    res.end(text);
  };
}

/** Request latency buckets in seconds, gateway and subgraphs alike: from a cached read of a few milliseconds to the subgraph timeout's default of 10 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A name Prometheus may carry: letters and underscores only, so no CPR number, id or date can pass. */
const LABELLED_OPERATION_NAME = /^[A-Za-z_][A-Za-z_]{0,63}$/;

/** Whether a client-chosen operation name may be shown to operators (a label, a span name): letters and underscores only. */
export function isShowableOperationName(name: string | null | undefined): name is string {
  return typeof name === 'string' && LABELLED_OPERATION_NAME.test(name);
}
/** Distinct operation names labelled per registry before the rest become `other`: the series stay bounded. */
export const MAX_OPERATION_LABELS = 100;

/**
 * The `operation` label of a request. The client chooses an operation's name, so
 * it is unbounded and could hold personal data: a name with a digit (a CPR
 * number, an id, a date) or any other character is `other`, as is every new name
 * past the first MAX_OPERATION_LABELS; none is `anonymous`. In production only
 * trusted documents run, so the names are the frontends' own.
 */
export class OperationLabels {
  private readonly labelled = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_LABELS) {}

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!isShowableOperationName(name)) return 'other';
    if (this.labelled.has(name)) return name;
    if (this.labelled.size >= this.max) return 'other';
    this.labelled.add(name);
    return name;
  }
}

/** The contract's codes, and RATE_LIMITED, which the contract adds for rate limits ("Operating it"). */
const LABELLED_CODES: ReadonlySet<string> = new Set([...CONTRACT_CODES, 'RATE_LIMITED']);

/** An error code as a label: one of the contract's, else `OTHER`, so no message or value can become a label. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && LABELLED_CODES.has(code) ? code : 'OTHER';
}

/** The outcome of a request answered before GraphQL saw it (a refused token, body or signature), by its HTTP status. */
export function outcomeOfStatus(status: number): string {
  if (status < 400) return 'ok';
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 429) return 'RATE_LIMITED';
  return status < 500 ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** One GraphQL request, finished. */
export interface FinishedRequest {
  /** The operation GraphQL resolved (null: anonymous), or undefined when none was: refused or unparsable. */
  operation: string | null | undefined;
  /** `ok`, the code of the first error, or `aborted` when the client left first. */
  outcome: string;
  /** The code of every error the answer carried, as labels. */
  errorCodes: string[];
  seconds: number;
  /** The HTTP status answered. */
  status: number;
  /** The request's x-request-id. */
  requestId: string | undefined;
  /** Who asked, once the token verified: role and department only, never a name or id. */
  caller: { role: string; department?: string } | undefined;
}

/** Where a context keeps its request's record: Apollo Server hands plugins a shallow copy of the context, symbols included. */
const TRACKED = Symbol('oneplan.metrics.request');

interface Tracked {
  started: bigint;
  requestId: string | undefined;
  caller: FinishedRequest['caller'];
  operation: string | null | undefined;
  /** Set once Apollo Server answered: its errors' codes. */
  codes: string[] | undefined;
}

/** An Apollo Server response, by the shape this package reads of it (it does not depend on Apollo). */
interface AnsweredResponse {
  body:
    | { kind: 'single'; singleResult: { errors?: readonly AnsweredError[] } }
    | { kind: 'incremental'; initialResult: { errors?: readonly AnsweredError[] } };
}
interface AnsweredError {
  extensions?: { code?: unknown };
}

/**
 * Follows each GraphQL request from the first middleware to the end of its
 * response, so that a request refused before GraphQL (a token, a body, a
 * signature) counts as well as one Apollo Server answered, and each counts once.
 * `middleware` starts the clock; `attach` ties the request's context to its
 * response; `plugin` notes the operation and the answer's error codes; when the
 * response closes, `finished` gets the whole. The codes are those the client
 * sees, after masking.
 */
export class RequestOutcomes {
  private readonly byResponse = new WeakMap<ServerResponse, Tracked>();

  constructor(private readonly finished: (request: FinishedRequest) => void) {}

  readonly middleware = (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const tracked: Tracked = {
      started: process.hrtime.bigint(),
      requestId: currentRequestId(),
      caller: undefined,
      operation: undefined,
      codes: undefined,
    };
    this.byResponse.set(res, tracked);
    res.once('close', () => this.finished(this.outcome(res, tracked)));
    next();
  };

  /** Returns the context, now known to belong to the request answered by `res`. */
  attach<C extends object>(res: ServerResponse, context: C): C {
    const tracked = this.byResponse.get(res);
    // Enumerable, so that Apollo Server's copy has it; no resolver reads a symbol, and JSON leaves it out.
    if (tracked) {
      Object.defineProperty(context, TRACKED, { value: tracked, enumerable: true });
      const identity = (context as { identity?: { role?: unknown; department?: unknown } }).identity;
      if (typeof identity?.role === 'string') {
        tracked.caller = {
          role: identity.role,
          ...(typeof identity.department === 'string' ? { department: identity.department } : {}),
        };
      }
    }
    return context;
  }

  /** The Apollo Server plugin, typed by its shape. */
  plugin() {
    return {
      async requestDidStart({ contextValue }: { contextValue: object }) {
        const tracked = (contextValue as { [TRACKED]?: Tracked })[TRACKED];
        if (!tracked) return undefined;
        return {
          // Apollo Server calls this also when `operationName` named no operation of the document: that one stays unresolved.
          async didResolveOperation({ operation, operationName }: { operation?: unknown; operationName?: string | null }) {
            if (operation) tracked.operation = operationName ?? null;
          },
          async willSendResponse({ response }: { response: AnsweredResponse }) {
            const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
            tracked.codes = (result.errors ?? []).map((error) => errorCodeLabel(error.extensions?.code));
          },
        };
      },
    };
  }

  private outcome(res: ServerResponse, tracked: Tracked): FinishedRequest {
    const seconds = Number(process.hrtime.bigint() - tracked.started) / 1e9;
    const answered = tracked.codes;
    let errorCodes: string[];
    let outcome: string;
    if (answered) {
      errorCodes = answered;
      outcome = answered[0] ?? 'ok';
    } else {
      outcome = outcomeOfStatus(res.statusCode);
      errorCodes = outcome === 'ok' ? [] : [outcome];
    }
    if (!res.writableFinished && outcome === 'ok') outcome = 'aborted';
    return {
      operation: tracked.operation,
      outcome,
      errorCodes,
      seconds,
      status: res.statusCode,
      requestId: tracked.requestId,
      caller: tracked.caller,
    };
  }
}
