import type { DataCategory, Department, ForwardedIdentity } from '@oneplan/protocol';
import type { ConsentedCategories } from './access';
import { AccessLog } from './audit';
import { appendAccessEvents } from './access-log-writes';
import { grantKeyFromEnv, readGrant } from './consent-grant';
import { createAccessLogLoader, mayReadAccessLog, type AccessEventView } from './access-log-reads';
import { guardedRead } from './guarded-read';
import type { Logger } from './logger';

/** Per-request context of a department subgraph (employment, social, health). */
export interface DepartmentContext<L, W> {
  identity: ForwardedIdentity;
  department: Department;
  loaders: L;
  writes: W;
  accessLog: AccessLog;
  /** This subgraph's access log, per citizen, for `Citizen.accessLog`. */
  accessLogReads: ReturnType<typeof createAccessLogLoader>;
  now: Date;
  /** The key consent grants from the plan subgraph are checked with. */
  grantKey: string;
}

export function departmentContextFactory<L, W>(options: {
  department: Department;
  createLoaders: () => L;
  writes: W;
  /** The department database, for the access log every department keeps alike. */
  prisma: Parameters<typeof createAccessLogLoader>[0] & Parameters<typeof appendAccessEvents>[0];
  logger: Logger;
  grantKey?: string;
}) {
  const grantKey = options.grantKey ?? grantKeyFromEnv();
  return (identity: ForwardedIdentity): DepartmentContext<L, W> => ({
    identity,
    department: options.department,
    loaders: options.createLoaders(),
    accessLogReads: createAccessLogLoader(options.prisma),
    writes: options.writes,
    accessLog: new AccessLog(identity, options.department, (records) => appendAccessEvents(options.prisma, records), options.logger),
    now: new Date(),
    grantKey,
  });
}

/**
 * What `Citizen.<department>` resolves to: whose record it is and what the
 * citizen's consents open to the caller. Each category field then decides alone.
 */
export interface RecordParent {
  citizenId: string;
  consented: ConsentedCategories;
}

/**
 * `Citizen.<department>`: the citizen's record, opened by the consent grant the
 * gateway brought from the plan subgraph (`@requires(fields: "consentGrant")`).
 */
export function recordOf(
  citizen: { id: string; consentGrant?: unknown },
  _args: unknown,
  context: DepartmentContext<unknown, unknown>,
): RecordParent {
  const consented = readGrant(context.grantKey, citizen.consentGrant, {
    citizenId: citizen.id,
    recipient: context.identity.department,
    requestId: context.identity.requestId,
  });
  return { citizenId: citizen.id, consented };
}

/** A record field holding one data category, read only through `guardedRead`. */
export function categoryField<C extends DepartmentContext<unknown, unknown>, T>(
  category: DataCategory,
  load: (context: C, citizenId: string) => Promise<T>,
) {
  return (record: RecordParent, _args: unknown, context: C): Promise<T> =>
    guardedRead(context, record.citizenId, category, record.consented, () => load(context, record.citizenId));
}

/**
 * `Citizen.<department>AccessLog`: this department's part of the citizen's
 * access log, which the plan subgraph merges into `Citizen.accessLog`. Anyone
 * but the citizen and auditors gets nothing (the plan subgraph says FORBIDDEN).
 */
export function departmentAccessLog(
  citizen: { id: string },
  _args: unknown,
  context: DepartmentContext<unknown, unknown>,
): Promise<AccessEventView[]> | null {
  return mayReadAccessLog(context.identity, citizen.id) ? context.accessLogReads.load(citizen.id) : null;
}
