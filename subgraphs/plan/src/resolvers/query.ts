import { guardedAction, identityField, isId, pageSize, parseCpr, requireId, revealCitizen } from '@oneplan/kit';
import { badUserInput } from '@oneplan/protocol';
import type { QueryResolvers } from '../generated/graphql';
import { caseloadQueries } from './caseload';
import { outcomes } from './outcomes';
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

function validCpr(cpr: string): string {
  const parsed = parseCpr(cpr);
  if (!parsed) throw badUserInput('cpr must be 10 digits starting with a valid date (DDMMYY).', 'cpr');
  return parsed.cpr;
}

export const Query = {
  planStatistics,
  outcomes,
  ...caseloadQueries,

  // A citizen asking for anyone but themself gets the same refusal, found or not.
  citizen: identityField((_, args, { loaders }) => loaders.citizenById.load(requireId(args.id, 'id'))),

  citizenByCpr: identityField((_, args, { loaders }) => loaders.citizenByCpr.load(validCpr(args.cpr))),

  citizens: guardedAction('listCitizens', null, async (_, args, context) => {
    const first = pageSize(args.first, 20, MAX_PAGE);
    const afterId = args.after ? decodeCursor(args.after) : null;
    const page = await context.loaders.citizensPage(first, afterId);
    for (const citizen of page.citizens) context.loaders.citizenById.prime(citizen.id, citizen);
    // Every citizen of the page is logged as revealed, all in one INSERT.
    const citizens = await Promise.all(page.citizens.map((citizen) => revealCitizen(context, citizen)));
    const edges = citizens.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }),

  // A token naming no registered citizen finds no one.
  me: guardedAction(
    'lookUpSelf',
    (_, __, { identity }) => ({ citizenId: identity.citizenId }),
    async (_, __, context, { citizenId }) =>
      revealCitizen(context, citizenId && isId(citizenId) ? await context.loaders.citizenById.load(citizenId) : null),
  ),
} satisfies QueryResolvers;
