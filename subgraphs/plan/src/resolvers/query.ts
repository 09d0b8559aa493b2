import { isId, parseCpr, requireId } from '@oneplan/kit';
import { badUserInput, forbidden } from '@oneplan/protocol';
import { citizensPage } from '../data/loaders';
import type { PlanContext } from '../context';
import { assertMayLookUp, visibleCitizen } from './access';
import { planStatistics } from './statistics';

const MAX_PAGE = 100;

function encodeCursor(id: string): string {
  return Buffer.from(`citizen:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('citizen:')) throw badUserInput('after is not a cursor from this list.', 'after');
  return requireId(decoded.slice('citizen:'.length), 'after');
}

export const Query = {
  planStatistics,

  async citizen(_: unknown, args: { id: string }, { identity, loaders }: PlanContext) {
    const id = requireId(args.id, 'id');
    assertMayLookUp(identity, id);
    return loaders.citizenById.load(id);
  },

  async citizenByCpr(_: unknown, args: { cpr: string }, { identity, loaders }: PlanContext) {
    assertMayLookUp(identity);
    const parsed = parseCpr(args.cpr);
    if (!parsed) throw badUserInput('cpr must be 10 digits starting with a valid date (DDMMYY).', 'cpr');
    const citizen = await loaders.citizenByCpr.load(parsed.cpr);
    // A citizen asking for any CPR but their own gets the same refusal, found or not.
    if (identity.role === 'citizen' && citizen?.id !== identity.citizenId) throw forbidden('Citizens see only themselves.');
    return citizen;
  },

  async citizens(_: unknown, args: { first?: number | null; after?: string | null }, context: PlanContext) {
    if (context.identity.role !== 'caseworker') throw forbidden('Only caseworkers list citizens.');
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw badUserInput(`first must be between 1 and ${MAX_PAGE}.`, 'first');
    }
    const afterId = args.after ? decodeCursor(args.after) : null;
    const page = await citizensPage(context.prisma, first, afterId);
    for (const citizen of page.citizens) context.loaders.citizenById.prime(citizen.id, citizen);
    const edges = page.citizens.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  },

  async me(_: unknown, __: unknown, { identity, loaders }: PlanContext) {
    if (identity.role !== 'citizen' || !identity.citizenId) throw forbidden('me is for citizens.');
    // A token naming no registered citizen finds no one.
    if (!isId(identity.citizenId)) return null;
    return visibleCitizen(identity, await loaders.citizenById.load(identity.citizenId));
  },
};
