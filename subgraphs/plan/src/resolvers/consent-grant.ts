import { GRANT_TTL_MS, mintGrant } from '@oneplan/kit';
import type { PlanContext } from '../plan';

/**
 * The consent grant department subgraphs require (`Citizen.consentGrant`,
 * `Goal.consentGrant`): what the citizen's active consents open to the caller's
 * department, signed and bound to this citizen, that department and this request.
 * Only caseworkers need one. Signed once per citizen in a request: the citizen and
 * each goal of their plan carry the same grant, as every part of it is the same.
 */
export function grantFor(context: PlanContext, citizenId: string): Promise<string | null> {
  const known = context.grants.get(citizenId);
  if (known) return known;
  const signing = signedGrant(context, citizenId);
  context.grants.set(citizenId, signing);
  return signing;
}

async function signedGrant(context: PlanContext, citizenId: string): Promise<string | null> {
  const { identity } = context;
  if (identity.role !== 'caseworker' || !identity.department || !context.enforcement) return null;
  const consented = await context.consentedTo(citizenId);
  return mintGrant(context.grantKey, {
    citizenId,
    recipient: identity.department,
    requestId: identity.requestId,
    categories: Object.fromEntries([...consented].map(([category, { purpose }]) => [category, purpose])),
    expiresAt: context.now.getTime() + GRANT_TTL_MS,
  });
}
