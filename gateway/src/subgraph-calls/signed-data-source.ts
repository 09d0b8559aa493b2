import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode, type ForwardedIdentity } from '@oneplan/protocol';
import type { GatewayContext } from '../context';
import { signingFetcher } from './signing-fetcher';

/** A failed subgraph call gets a code outside the contract, so masking turns it into INTERNAL_SERVER_ERROR. */
export const SUBGRAPH_CALL_FAILED = 'SUBGRAPH_CALL_FAILED';

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  signingKey: string;
  timeoutMs: number;
}

/**
 * Gateway → subgraph calls. The fetcher only sees (url, init), so the identity of
 * the operation travels to it through async context rather than through a
 * header a bug could leak.
 */
export class SignedSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly callIdentity = new AsyncLocalStorage<ForwardedIdentity | undefined>();
  readonly name: string;

  constructor(options: SignedDataSourceOptions) {
    super({ url: options.url });
    this.name = options.name;
    this.fetcher = signingFetcher({
      subgraph: options.name,
      signingKey: options.signingKey,
      timeoutMs: options.timeoutMs,
      identity: () => this.callIdentity.getStore(),
    });
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const identity = (options.context as Partial<GatewayContext> | undefined)?.identity;
    return this.callIdentity.run(identity, () => super.process(options));
  }

  /** Sends only what the gateway decides: no client header, no tracing header, ever. */
  override willSendRequest({ request }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers) return;
    for (const [name] of [...headers]) headers.delete(name);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'application/json');
  }

  /**
   * A 400 whose errors are all BAD_USER_INPUT is the client's (e.g. a Date the
   * subgraph's scalar refuses) and passes on; any other HTTP failure, including a
   * subgraph refusing our signature, is ours and must not read as the client's
   * UNAUTHENTICATED or FORBIDDEN, as @apollo/gateway's default would have it.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    if (response.status === 400 && Array.isArray(errors) && errors.length > 0) {
      const userErrors = errors as { message?: unknown; extensions?: { code?: unknown; field?: unknown } }[];
      const first = userErrors[0];
      if (
        userErrors.every((error) => error.extensions?.code === ErrorCode.BAD_USER_INPUT) &&
        typeof first?.message === 'string'
      ) {
        return new GraphQLError(first.message, { extensions: { ...first.extensions, code: ErrorCode.BAD_USER_INPUT } });
      }
    }
    return new GraphQLError(`Subgraph ${this.name} answered HTTP ${response.status}`, {
      extensions: { code: SUBGRAPH_CALL_FAILED, serviceName: this.name, status: response.status },
    });
  }

  /** Names the subgraph in what gets logged when it is down, times out or answers garbage. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`Subgraph ${this.name} call failed: ${error.message}`, {
      originalError: error,
      extensions: { code: SUBGRAPH_CALL_FAILED, serviceName: this.name },
    });
  }
}
