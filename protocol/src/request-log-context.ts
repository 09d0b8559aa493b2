import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a log line belongs to, for every line written while serving it,
 * in the gateway and in each subgraph: pino's `mixin` reads it, so no code has
 * to pass a child logger around. The id is the request's `x-request-id`.
 */
const current = new AsyncLocalStorage<{ requestId: string }>();

/** A well-formed `x-request-id`: what proxies and clients commonly send (UUIDs, ULIDs, hex), nothing that could carry text. */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

/** pino's `mixin`: the current request's id on each line written while serving it. */
export function requestLogMixin(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}
