import { isDepartment, isRole, type Department, type Role } from './domain';

/** Who is asking, as the gateway verified it from the bearer token. */
export interface Identity {
  sub: string;
  name: string;
  role: Role;
  /** Caseworkers only. */
  department?: Department;
  /** Citizens only: the citizen they are. */
  citizenId?: string;
}

/** The identity as forwarded to subgraphs, bound to one client request. */
export interface ForwardedIdentity extends Identity {
  /** One id per client operation, shared by every subgraph call it makes. */
  requestId: string;
  /** The gateway's span of this call (W3C `traceparent`) when tracing is on: signed, so no client can set it. */
  traceparent?: string;
  /**
   * The `x-request-id` the gateway answered the client with (the client's own when well-formed), for log lines
   * only. Never a key: a client may send the same one twice, so anything bound to one request uses `requestId`.
   */
  correlationId?: string;
}

const MAX_TEXT = 200;

function text(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
}

/**
 * Reads an identity out of untrusted claims, refusing any shape the contract does
 * not allow (a caseworker without a department, a citizen without a citizenId,
 * a department on a non-caseworker). Returns null rather than guessing.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity | null {
  const { sub, name, role, department, citizenId } = claims;
  if (!text(sub) || !text(name) || !isRole(role)) return null;
  if (role === 'caseworker') {
    if (!isDepartment(department) || citizenId !== undefined) return null;
    return { sub, name, role, department };
  }
  if (department !== undefined) return null;
  if (role === 'citizen') {
    if (!text(citizenId)) return null;
    return { sub, name, role, citizenId };
  }
  if (citizenId !== undefined) return null;
  return { sub, name, role };
}
