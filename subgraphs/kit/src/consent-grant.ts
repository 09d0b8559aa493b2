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

/** A grant's signed claims, or null if it is none of ours. */
const grantClaims = (key: string, grant: unknown) => verifiedClaims(key, PURPOSE, grant) as Partial<GrantClaims> | null;

/** What verified claims open to `expected`, or nothing if they are not its own or have expired. */
function openedBy(
  claims: Partial<GrantClaims> | null,
  expected: { citizenId: string; recipient: Department | undefined; requestId: string },
  now: number,
): ConsentedCategories {
  if (
    !claims ||
    !expected.recipient ||
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
  return openedBy(expected.recipient ? grantClaims(key, grant) : null, expected, now);
}

/**
 * Each request's grants by their text, each verified once: the gateway brings the
 * same grant with the citizen and with every goal of their plan. Only the
 * signature's check is kept; what the claims open is decided at each read.
 */
const verifiedInRequest = new WeakMap<object, Map<string, Partial<GrantClaims> | null>>();

/** What a grant handed to this request opens to its caller about `citizenId` (a department's reads). */
export function grantOpens(
  context: { grantKey: string; identity: ForwardedIdentity },
  grant: unknown,
  citizenId: string,
): ConsentedCategories {
  const { department: recipient, requestId } = context.identity;
  if (!recipient || typeof grant !== 'string') return NO_CONSENT;
  let verified = verifiedInRequest.get(context);
  if (!verified) verifiedInRequest.set(context, (verified = new Map()));
  let claims = verified.get(grant);
  if (claims === undefined) verified.set(grant, (claims = grantClaims(context.grantKey, grant)));
  return openedBy(claims, { citizenId, recipient, requestId }, Date.now());
}
