import { DATA_CATEGORIES, DEPARTMENTS, type DataCategory, type Department } from '@oneplan/protocol';
import { signClaims, verifiedClaims } from '../signed-claims';
import type { AccessEventView } from './reads';

/** What narrows a citizen's access log: a period (since inclusive, until exclusive), a decision, a category. */
export interface AccessLogFilter {
  since: Date | null;
  until: Date | null;
  decision: 'ALLOWED' | 'DENIED' | null;
  category: DataCategory | null;
}

/**
 * An entry's place in the log merged across subgraphs: newest first, and among
 * entries of the same millisecond by source and then by the source's own
 * sequence, so every entry has exactly one place and a page boundary never
 * splits or repeats one.
 */
export interface LogPosition {
  at: Date;
  source: Department;
  sequence: string;
}

/**
 * One page of one citizen's access log as the plan subgraph asks every subgraph
 * for its part: signed, and bound to the request, so a department hands its part
 * only to the request the plan subgraph decided may read it.
 */
export interface AccessLogWindow extends AccessLogFilter {
  citizenId: string;
  requestId: string;
  /** Each subgraph answers up to `first + 1` entries, so the merge knows whether more follow. */
  first: number;
  after: LogPosition | null;
}

const PURPOSE = 'access-log-window.v1';
/** A window outlives its request by no more than this. */
const WINDOW_TTL_MS = 60_000;

/** The order of sources among entries of the same millisecond. */
export function sourceRank(source: Department): number {
  return DEPARTMENTS.indexOf(source);
}

export function mintWindow(key: string, window: AccessLogWindow, now = Date.now()): string {
  return signClaims(key, PURPOSE, { ...window, expiresAt: now + WINDOW_TTL_MS });
}

const date = (value: unknown): Date | null | undefined => {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
};

/** The window, if it is this request's, signed, unexpired and well-formed; otherwise null. */
export function readWindow(key: string, token: unknown, requestId: string, now = Date.now()): AccessLogWindow | null {
  const claims = verifiedClaims(key, PURPOSE, token);
  if (!claims || claims.requestId !== requestId || typeof claims.expiresAt !== 'number' || claims.expiresAt <= now) return null;
  const { citizenId, first, decision, category } = claims;
  const since = date(claims.since);
  const until = date(claims.until);
  const after = readPosition(claims.after);
  if (
    typeof citizenId !== 'string' ||
    typeof first !== 'number' ||
    since === undefined ||
    until === undefined ||
    after === undefined ||
    !(decision === null || decision === 'ALLOWED' || decision === 'DENIED') ||
    !(category === null || (DATA_CATEGORIES as readonly unknown[]).includes(category))
  ) {
    return null;
  }
  return { citizenId, requestId, first, since, until, decision, category: category as DataCategory | null, after };
}

function readPosition(value: unknown): LogPosition | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const { at, source, sequence } = value as Record<string, unknown>;
  const when = date(at);
  if (
    !when ||
    !(DEPARTMENTS as readonly unknown[]).includes(source) ||
    typeof sequence !== 'string' ||
    !/^\d{1,19}$/.test(sequence)
  ) {
    return undefined;
  }
  return { at: when, source: source as Department, sequence };
}

/**
 * `AccessEventConnection` as the subgraphs pass it on: the signed window, and
 * once the plan subgraph has merged the parts, the page itself.
 */
export interface AccessLogPageReference {
  window: string;
  edges?: { cursor: string; node: AccessEventView }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** A page cursor as clients see it: opaque, and only a position (never a window or filter). */
export function encodeLogCursor(position: LogPosition): string {
  return Buffer.from(
    JSON.stringify({ at: position.at.toISOString(), source: position.source, sequence: position.sequence }),
  ).toString('base64url');
}

/** The position a client's cursor names, or null if it is not a cursor of the log. */
export function decodeLogCursor(cursor: string): LogPosition | null {
  try {
    return readPosition(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))) ?? null;
  } catch {
    return null;
  }
}
