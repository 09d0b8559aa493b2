import {
  CONSENTABLE_CATEGORIES,
  type ConsentableCategory,
  type DataCategory,
  type Department,
  type ForwardedIdentity,
} from '@oneplan/protocol';
import { NO_CONSENT, type ConsentedCategories } from './policy';
import { signClaims, verifiedClaims } from './signed-claims';

/**
 * How a department subgraph learns the citizen's consents without a call of its
 * own: the plan subgraph, which keeps the consent registry, states for each
 * citizen what the consents open to the caller's department, signs it, and the
 * gateway hands it over as a `@requires` field. The department trusts only a
 * grant whose signature, citizen, recipient and request all match, so a grant
 * can neither be forged nor reused in another request: revocation bites on the
 * very next one.
 */
export interface GrantClaims {
  citizenId: string;
  recipient: Department;
  requestId: string;
  /** Each consented category with the purpose the citizen gave. */
  categories: Partial<Record<ConsentableCategory, string>>;
  expiresAt: number;
}

/** A grant outlives its request by no more than this. */
export const GRANT_TTL_MS = 60_000;

const PURPOSE = 'grant.v1';

export function mintGrant(key: string, claims: GrantClaims): string {
  return signClaims(key, PURPOSE, claims);
}

/**
 * What a grant opens, or nothing: any doubt (no grant, bad signature, another
 * citizen, department or request, expired, unknown category) fails closed.
 */
export function readGrant(
  key: string,
  grant: unknown,
  expected: { citizenId: string; recipient: Department | undefined; requestId: string },
  now = Date.now(),
): ConsentedCategories {
  const claims = expected.recipient ? (verifiedClaims(key, PURPOSE, grant) as Partial<GrantClaims> | null) : null;
  if (
    !claims ||
    claims.citizenId !== expected.citizenId ||
    claims.recipient !== expected.recipient ||
    claims.requestId !== expected.requestId ||
    typeof claims.expiresAt !== 'number' ||
    claims.expiresAt <= now
  ) {
    return NO_CONSENT;
  }
  const open = new Map<DataCategory, { purpose: string }>();
  for (const category of CONSENTABLE_CATEGORIES) {
    const purpose = claims.categories?.[category];
    if (typeof purpose === 'string') open.set(category, { purpose });
  }
  return open;
}

/** What a grant handed to this request opens to its caller about `citizenId` (a department's reads). */
export function grantOpens(
  context: { grantKey: string; identity: ForwardedIdentity },
  grant: unknown,
  citizenId: string,
): ConsentedCategories {
  const { department: recipient, requestId } = context.identity;
  return readGrant(context.grantKey, grant, { citizenId, recipient, requestId });
}
