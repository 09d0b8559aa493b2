import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SIGNATURE_HEADERS, signRequest, type ForwardedIdentity } from '@oneplan/protocol';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

const SIGNATURE_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(SIGNATURE_HEADERS));

export interface SigningFetcherOptions {
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
    const signature = signRequest(options.signingKey, {
      method,
      // The subgraph checks the path it sees in `req.originalUrl`: path and query.
      path: `${target.pathname}${target.search}`,
      body,
      identity: options.identity(),
    });
    const response = await fetch(target, {
      method,
      headers: { ...headers, ...signature },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      // A signed request must not be replayed to wherever a redirect points.
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return response as FetcherResponse;
  };
}
