import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { SIGNATURE_HEADERS, activeTraceparent, signRequest, tracer, type ForwardedIdentity } from '@oneplan/protocol';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const SIGNATURE_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(SIGNATURE_HEADERS));

export interface SigningFetcherOptions {
  /** The subgraph's name, for its calls' spans; health checks, which start no span, need none. */
  subgraph?: string;
  signingKey: string;
  timeoutMs: number;
  /** The identity the current call acts for; none for health checks. */
  identity: () => ForwardedIdentity | undefined;
}

/**
 * A fetch that signs the exact body string it sends (the subgraph verifies the
 * digest of the bytes it receives) and gives up after `timeoutMs`, body
 * included, because @apollo/gateway has no subgraph timeout of its own.
 */
export function signingFetcher(options: SigningFetcherOptions): Fetcher {
  return async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const body = init.body ?? '';
    const target = new URL(url);
    const headers = Object.fromEntries(
      Object.entries(init.headers ?? {}).filter(([name]) => !SIGNATURE_HEADER_NAMES.has(name.toLowerCase())),
    );
    const identity = options.identity();
    // Health checks act for nobody and start no trace of their own.
    if (!identity) return (await send(target, method, headers, body, undefined)) as FetcherResponse;
    return tracer().startActiveSpan(
      `subgraph ${options.subgraph ?? url}`,
      { kind: SpanKind.CLIENT, attributes: { 'oneplan.subgraph': options.subgraph ?? target.host } },
      async (span) => {
        try {
          // The trace context travels inside the signed identity: the signature covers it, and no client can set it.
          const traceparent = activeTraceparent();
          const response = await send(target, method, headers, body, traceparent ? { ...identity, traceparent } : identity);
          span.setAttribute('http.response.status_code', response.status);
          if (!response.ok) span.setStatus({ code: SpanStatusCode.ERROR });
          return response as FetcherResponse;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };

  function send(
    target: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer,
    identity?: ForwardedIdentity,
  ) {
    const signature = signRequest(options.signingKey, {
      method,
      // The subgraph checks the path it sees in `req.originalUrl`: path and query.
      path: `${target.pathname}${target.search}`,
      body,
      identity,
    });
    return fetch(target, {
      method,
      headers: { ...headers, ...signature },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      // A signed request must not be replayed to wherever a redirect points.
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  }
}
