import {
  MAX_ACCESS_LOG,
  assertMay,
  decodeLogCursor,
  encodeLogCursor,
  guardedReference,
  mergeAccessLogParts,
  mintWindow,
  pageSize,
  readWindow,
  type AccessLogFilter,
  type AccessLogPageReference,
  type AccessLogPart,
} from '@oneplan/kit';
import { badUserInput, type DataCategory } from '@oneplan/protocol';
import type { AccessEventConnectionResolvers, CitizenResolvers } from '../generated/graphql';

/** What a page's filter arguments say, checked: a period that ends after it begins. */
export function filterOf(args: {
  since?: Date | null;
  until?: Date | null;
  decision?: 'ALLOWED' | 'DENIED' | null;
  category?: DataCategory | null;
}): AccessLogFilter {
  const filter = {
    since: args.since ?? null,
    until: args.until ?? null,
    decision: args.decision ?? null,
    category: args.category ?? null,
  };
  if (filter.since && filter.until && filter.until.getTime() <= filter.since.getTime()) {
    throw badUserInput('until must lie after since.', 'until');
  }
  return filter;
}

/** The departments' parts of a page, brought by the gateway (`@requires`). */
interface DepartmentParts extends AccessLogPageReference {
  employmentAccessLogPart?: AccessLogPart | null;
  socialAccessLogPart?: AccessLogPart | null;
  healthAccessLogPart?: AccessLogPart | null;
}

const DEPARTMENT_PARTS = ['employmentAccessLogPart', 'socialAccessLogPart', 'healthAccessLogPart'] as const;

/**
 * `Citizen.accessLogPage`: decides who may read the log, checks the arguments,
 * and signs the window every subgraph reads its part of the page by.
 */
export const accessLogPage: NonNullable<CitizenResolvers['accessLogPage']> = (citizen, args, context) => {
  assertMay(context.identity, 'readAccessLog', { citizenId: citizen.id });
  const first = pageSize(args.first, 50, MAX_ACCESS_LOG);
  const after = args.after ? decodeLogCursor(args.after) : null;
  if (args.after && !after) throw badUserInput('after is not a cursor from this log.', 'after');
  const window = { citizenId: citizen.id, requestId: context.identity.requestId, first, after, ...filterOf(args) };
  return { window: mintWindow(context.grantKey, window) };
};

/**
 * The page, merged from the plan's own part and every department's. A part that
 * did not come (a department down, a window it refused) fails the page: a log
 * with a part missing would look whole and be wrong.
 */
export const AccessEventConnection = {
  __resolveReference: guardedReference(
    'readAccessLog',
    (reference, context) => {
      const window = readWindow(context.grantKey, reference.window, context.identity.requestId);
      if (!window) throw new Error('an access-log window that this subgraph did not sign for this request');
      return { citizenId: window.citizenId, window };
    },
    async (reference, context, { window }) => {
      const parts = DEPARTMENT_PARTS.map((name) => (reference as DepartmentParts)[name]);
      if (parts.some((part) => !part)) throw new Error('a department did not hand over its part of the access log');
      const own = await context.accessLogPart(window!);
      const page = mergeAccessLogParts([own, ...(parts as AccessLogPart[])], window!.first);
      const edges = page.entries.map(({ event, position }) => ({ cursor: encodeLogCursor(position), node: event }));
      return {
        window: reference.window,
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: page.totalCount,
      };
    },
  ),
} satisfies AccessEventConnectionResolvers;
