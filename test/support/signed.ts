import { signRequest, signingKeyFromEnv, type ForwardedIdentity, type Identity } from '@oneplan/protocol';
import { randomUUID } from 'node:crypto';

/** Identities the tests act as. */
export const as = {
  caseworker: (department: NonNullable<Identity['department']>, sub = `cw-${department.toLowerCase()}`): Identity => ({
    sub,
    name: `${department} caseworker`,
    role: 'caseworker',
    department,
  }),
  citizen: (citizenId: string): Identity => ({ sub: `citizen-${citizenId}`, name: 'The citizen', role: 'citizen', citizenId }),
  analyst: (): Identity => ({ sub: 'analyst-1', name: 'Analyst', role: 'analyst' }),
  auditor: (): Identity => ({ sub: 'auditor-1', name: 'Auditor', role: 'auditor' }),
};

export type { GraphQLResponse } from '../../scripts/system/in-process-system';
import type { GraphQLResponse } from '../../scripts/system/in-process-system';

/** Calls a subgraph the way the gateway does: a signed POST with the forwarded identity. */
export async function callSubgraph<T = Record<string, unknown>>(
  url: string,
  identity: Identity | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const forwarded: ForwardedIdentity | undefined = identity ? { ...identity, requestId: randomUUID() } : undefined;
  const path = new URL(url).pathname;
  const headers = signRequest(signingKeyFromEnv(), { method: 'POST', path, body, identity: forwarded });
  const response = await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The codes of a response's errors, in order. */
export function codes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
