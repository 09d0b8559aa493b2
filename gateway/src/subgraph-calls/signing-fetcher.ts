import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { SIGNATURE_HEADERS, activeTraceparent, signRequest, tracer, tracingOn, type ForwardedIdentity } from '@oneplan/protocol';
import { SubgraphResponse } from './subgraph-response';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const SIGNATURE_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(SIGNATURE_HEADERS));

export interface SigningFetcherOptions {
  /** The subgraph's name, for its calls' spans; health checks, which start no span, need none. */
  subgraph?: string;
  signingKey: string;
  timeoutMs: number;
  /** The gateway's pool of kept-alive connections to its subgraphs (subgraph-connections.ts). */
  connections: Dispatcher;
  /** The identity the current call acts for; none for health checks. */
  identity: () => ForwardedIdentity | undefined;
}

/**
 * A fetch that signs the exact body string it sends (the subgraph verifies the
 * digest of the bytes it receives) and gives up after `timeoutMs`, body
 * included, because @apollo/gateway has no subgraph timeout of its own. It sends
 * through undici's dispatcher rather than the global `fetch`: the same client
 * underneath, without the Fetch API's streams, which cost more CPU than the call.
 * A redirect is answered as it comes (never followed): a signed request must not
 * be replayed to wherever it points.
 */
export function signingFetcher(options: SigningFetcherOptions): Fetcher {
  // A fetcher calls one or a few URLs, again and again: each is parsed once.
  const targets = new Map<string, URL>();
  return async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const body = init.body ?? '';
    let target = targets.get(url);
    if (!target) targets.set(url, (target = new URL(url)));
    const headers = Object.fromEntries(
      Object.entries(init.headers ?? {}).filter(([name]) => !SIGNATURE_HEADER_NAMES.has(name.toLowerCase())),
    );
    const identity = options.identity();
    // Health checks act for nobody and start no trace of their own.
    if (!identity) return (await send(target, method, headers, body, undefined)) as FetcherResponse;
    if (!tracingOn()) return (await send(target, method, headers, body, identity)) as FetcherResponse;
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

  async function send(
    target: URL,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer,
    identity?: ForwardedIdentity,
  ) {
    // The path signed is the path sent; the subgraph checks the one it sees in `req.originalUrl`: path and query.
    const path = `${target.pathname}${target.search}`;
    const signature = signRequest(options.signingKey, { method, path, body, identity });
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')),
      options.timeoutMs,
    );
    try {
      const answer = await options.connections.request({
        origin: target.origin,
        path,
        method: method as Dispatcher.HttpMethod,
        headers: { ...headers, ...signature },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
        signal: timeout.signal,
      });
      return new SubgraphResponse(target.href, answer.statusCode, answer.headers, await answer.body.text());
    } finally {
      clearTimeout(timer);
    }
  }
}
