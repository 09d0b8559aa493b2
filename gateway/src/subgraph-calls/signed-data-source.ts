import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { Dispatcher } from 'undici';
import { ErrorCode, type ForwardedIdentity } from '@oneplan/protocol';
import type { GatewayContext } from '../context';
import type { SubgraphCallTimer } from '../metrics';
import { missingFieldPaths } from './missing-fields';
import { signingFetcher } from './signing-fetcher';

/** A failed subgraph call gets a code outside the contract, so masking turns it into INTERNAL_SERVER_ERROR. */
export const SUBGRAPH_CALL_FAILED = 'SUBGRAPH_CALL_FAILED';

export interface SignedDataSourceOptions {
  name: string;
  url: string;
  signingKey: string;
  timeoutMs: number;
  /** The gateway's kept-alive connections to its subgraphs. */
  connections: Dispatcher;
  /** Times each call for the subgraph-call latency metric; default: untimed. */
  timeCall?: SubgraphCallTimer;
}

/**
 * Gateway → subgraph calls. The fetcher only sees (url, init), so the identity of
 * the operation travels to it through async context rather than through a
 * header a bug could leak.
 */
export class SignedSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly callIdentity = new AsyncLocalStorage<ForwardedIdentity | undefined>();
  private readonly timeCall: SubgraphCallTimer;
  readonly name: string;

  constructor(options: SignedDataSourceOptions) {
    super({ url: options.url });
    this.name = options.name;
    this.timeCall = options.timeCall ?? ((call) => call());
    this.fetcher = signingFetcher({
      subgraph: options.name,
      signingKey: options.signingKey,
      timeoutMs: options.timeoutMs,
      connections: options.connections,
      identity: () => this.callIdentity.getStore(),
    });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const identity = (options.context as Partial<GatewayContext> | undefined)?.identity;
    try {
      // Timed inside, so the metric sees a failed call before it becomes an answer of errors below.
      const response = await this.callIdentity.run(identity, () => this.timeCall(() => super.process(options)));
      for (const error of response.errors ?? []) this.placeStack(error);
      return response;
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== SUBGRAPH_CALL_FAILED) throw error;
      const query = options.request.query;
      const document = 'incomingRequestContext' in options ? (options.document ?? (query ? parse(query) : undefined)) : undefined;
      if (!document) throw error;
      return { errors: this.missingParts(error, document, options.request.variables) };
    }
  }

  /**
   * @apollo/gateway makes each error of a subgraph's answer into a GraphQLError
   * with the received one as `originalError`; finding no stack there, graphql-js
   * captured the gateway's own frames into it, which say nothing of where the
   * error came from, and the log of a masked error showed them. The stack given
   * instead names the subgraph; it is not enumerable, so it is never sent on, and
   * it replaces any `stack` a subgraph wrote into its answer. (It spares that
   * capture, not the one every Error constructor makes: under the overview bench
   * no profile could tell the difference in CPU.)
   */
  private placeStack(error: object): void {
    const { message } = error as { message?: unknown };
    Object.defineProperty(error, 'stack', {
      value: `GraphQLError: ${typeof message === 'string' ? message : ''}\n    at subgraph ${this.name}`,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  /**
   * @apollo/gateway gives a thrown call failure no `path`; answered instead as one
   * error per field left null, at that field's path in the subgraph's answer, the
   * gateway maps each to the client's path as it does a subgraph's own errors.
   */
  private missingParts(failure: GraphQLError, document: DocumentNode, variables?: Record<string, unknown>): GraphQLError[] {
    const paths = missingFieldPaths(document, variables);
    return (paths.length > 0 ? paths : [undefined]).map(
      (path) => new GraphQLError(failure.message, { path, originalError: failure, extensions: failure.extensions }),
    );
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
