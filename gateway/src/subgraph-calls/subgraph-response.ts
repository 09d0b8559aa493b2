import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Dispatcher } from 'undici';

type FetcherResponse = Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>>;
type FetcherHeaders = FetcherResponse['headers'];

/** A received answer's headers, immutable as a fetch Response's are. */
class ReadHeaders implements FetcherHeaders {
  constructor(readonly raw: Dispatcher.ResponseData['headers']) {}

  append(): void {
    throw new TypeError('the headers of a received answer are immutable');
  }

  delete(): void {
    this.append();
  }

  set(): void {
    this.append();
  }

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): Iterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }

  keys(): Iterator<string> {
    return Object.keys(this.raw)[Symbol.iterator]();
  }

  *values(): Iterator<string> {
    for (const name of Object.keys(this.raw)) yield this.get(name)!;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries();
  }
}

/**
 * A subgraph's answer, read whole, in the shape @apollo/gateway reads from a fetch
 * Response: status, headers, text and JSON. The Fetch API's own Response (WHATWG
 * streams, transferable bodies) cost more CPU per call than the rest of the call.
 */
export class SubgraphResponse implements FetcherResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly redirected = false;
  bodyUsed = false;
  readonly headers: ReadHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Dispatcher.ResponseData['headers'],
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new ReadHeaders(headers);
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): SubgraphResponse {
    return new SubgraphResponse(this.url, this.status, this.headers.raw, this.body);
  }
}
